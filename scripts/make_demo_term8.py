"""Write fixtures/demo_term8.json: the DEMO 민선8기 term (2023–2026) of 금천구 that `seed_demo` loads.

Deterministic (a fixed random seed): running it again writes the same file byte for byte. The JSON is committed;
this script only documents how its figures were made and lets them be regenerated after an edit of the tables
below. Run: `.venv/bin/python scripts/make_demo_term8.py`.
"""

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "demo_term8.json"
YEARS = (2023, 2024, 2025, 2026)
LAST_QUARTER = {2026: 3}  # today is in 2026 Q4: 2026 Q3 is the last ended quarter

# 추진전략 → 실천과제 (the same in each year's plan, as a plan copied from the year before).
STRATEGIES = [
    ("청년이 머무는 일자리 도시", ["청년 일자리 발굴·연계", "청년 창업과 역량 강화"]),
    ("생애주기별 맞춤 일자리", ["신중년 경력 활용", "어르신 일자리 확대", "여성 경제활동 지원", "장애인 일자리 지원"]),
    ("취약계층 일자리 안전망", ["공공일자리 운영", "자활·공동체 일자리"]),
    ("일자리 기반과 민관협력", ["고용서비스 강화", "기업 지원과 민관협력", "사회적경제 육성"]),
]

# (department code, 세부사업명, 대상, 부문, 2023 target, task, first year, last year)
P = [
    ("dept01", "일자리센터 취업알선", "민간", "고용서비스", 2400, "고용서비스 강화"),
    ("dept01", "일자리박람회 및 일구데이", "민간", "고용서비스", 500, "기업 지원과 민관협력"),
    ("dept01", "공공근로", "취약계층", "직접일자리", 700, "공공일자리 운영"),
    ("dept01", "청년 인턴", "청년층", "직접일자리", 60, "청년 일자리 발굴·연계"),
    ("dept01", "신중년 경력형 일자리", "중·장년층", "직접일자리", 60, "신중년 경력 활용"),
    ("dept01", "청년 취업 멘토링", "청년층", "고용서비스", 150, "청년 일자리 발굴·연계"),
    ("dept01", "중소기업 청년 채용 고용장려금", "청년층", "고용장려금", 80, "청년 일자리 발굴·연계"),
    ("dept01", "지역맞춤형 일자리창출 지원사업", "중·장년층", "직업능력개발훈련", 60, "신중년 경력 활용"),
    ("dept01", "일자리카페 운영", "청년층", "고용서비스", 120, "청년 일자리 발굴·연계"),
    ("dept01", "중장년 일자리 희망센터 연계", "중·장년층", "고용서비스", 100, "신중년 경력 활용"),
    ("dept01", "서울형 뉴딜일자리", "청년층", "직접일자리", 40, "청년 일자리 발굴·연계", 2023, 2024),
    ("dept01", "안심일자리", "취약계층", "직접일자리", 90, "공공일자리 운영"),
    ("dept01", "구민 직업훈련 바우처", "중·장년층", "직업능력개발훈련", 120, "신중년 경력 활용"),
    ("dept01", "신중년 사회공헌활동", "중·장년층", "직접일자리", 30, "신중년 경력 활용"),
    ("dept01", "청년 취업사관학교 연계", "청년층", "직업능력개발훈련", 80, "청년 창업과 역량 강화", 2024),
    ("dept02", "관내기업 주민우선 채용 협약", "민간", "고용장려금", 800, "기업 지원과 민관협력"),
    # moves to 일자리창출과 in 2025 (the 사회적경제팀 joins it): one lineage, two departments
    ("dept02", "사회적경제기업 육성", "민간", "창업지원", 120, "사회적경제 육성"),
    ("dept02", "창업보육센터 운영", "청년층", "창업지원", 60, "청년 창업과 역량 강화"),
    ("dept02", "G밸리 청년 창업 지원", "청년층", "창업지원", 40, "청년 창업과 역량 강화"),
    ("dept02", "소상공인 고용 지원", "민간", "고용장려금", 100, "기업 지원과 민관협력"),
    ("dept02", "전통시장 매니저", "중·장년층", "직접일자리", 10, "신중년 경력 활용"),
    ("dept02", "마을기업 육성", "민간", "창업지원", 30, "사회적경제 육성"),
    ("dept02", "사회적기업 일자리창출 사업", "취약계층", "고용장려금", 50, "사회적경제 육성"),
    ("dept02", "G밸리 기업 채용 연계", "민간", "고용서비스", 300, "기업 지원과 민관협력"),
    ("dept02", "지식산업센터 입주기업 지원", "민간", "일자리 인프라 구축", 200, "기업 지원과 민관협력"),
    ("dept03", "노인일자리 공익활동형", "노년층", "직접일자리", 1500, "어르신 일자리 확대"),
    ("dept03", "노인일자리 사회서비스형", "노년층", "직접일자리", 400, "어르신 일자리 확대"),
    ("dept03", "노인일자리 시장형", "노년층", "직접일자리", 150, "어르신 일자리 확대"),
    ("dept03", "노인일자리 취업알선형", "노년층", "고용서비스", 80, "어르신 일자리 확대"),
    ("dept03", "시니어클럽 운영", "노년층", "일자리 인프라 구축", 20, "어르신 일자리 확대"),
    ("dept03", "금천일자리주식회사 어르신 일자리", "노년층", "직접일자리", 60, "어르신 일자리 확대"),
    ("dept03", "경로당 행복도우미", "노년층", "직접일자리", 50, "어르신 일자리 확대"),
    ("dept04", "자활근로", "취약계층", "직접일자리", 360, "자활·공동체 일자리"),
    ("dept04", "자활기업 육성", "취약계층", "창업지원", 30, "자활·공동체 일자리"),
    ("dept04", "희망리본 취업지원", "취약계층", "고용서비스", 60, "자활·공동체 일자리"),
    ("dept04", "국민취업지원제도 연계", "취약계층", "고용서비스", 80, "자활·공동체 일자리"),
    ("dept05", "지역공동체일자리", "취약계층", "직접일자리", 140, "자활·공동체 일자리"),
    ("dept05", "복지 플래너", "중·장년층", "직접일자리", 20, "공공일자리 운영"),
    ("dept05", "사회복지시설 일자리", "중·장년층", "직접일자리", 40, "공공일자리 운영"),
    ("dept05", "긴급복지 일자리 연계", "취약계층", "고용서비스", 30, "자활·공동체 일자리", 2023, 2025),
    ("dept06", "장애인 일자리", "장애인", "직접일자리", 200, "장애인 일자리 지원"),
    ("dept06", "장애인 복지일자리", "장애인", "직접일자리", 80, "장애인 일자리 지원"),
    ("dept06", "장애인 직업재활시설 지원", "장애인", "직업능력개발훈련", 40, "장애인 일자리 지원"),
    ("dept06", "발달장애인 맞춤 일자리", "장애인", "직접일자리", 20, "장애인 일자리 지원"),
    ("dept06", "장애인 고용장려금", "장애인", "고용장려금", 15, "장애인 일자리 지원"),
    ("dept06", "장애인 취업박람회", "장애인", "고용서비스", 30, "장애인 일자리 지원"),
    ("dept07", "여성새로일하기센터 취업지원", "여성", "고용서비스", 350, "여성 경제활동 지원"),
    ("dept07", "아이돌봄 지원사업", "여성", "직접일자리", 300, "여성 경제활동 지원"),
    ("dept07", "경력단절여성 직업훈련", "여성", "직업능력개발훈련", 80, "여성 경제활동 지원"),
    ("dept07", "여성 창업 지원", "여성", "창업지원", 20, "여성 경제활동 지원"),
    ("dept07", "새일여성 인턴", "여성", "고용장려금", 40, "여성 경제활동 지원"),
    ("dept07", "결혼이민자 취업지원", "여성", "고용서비스", 25, "여성 경제활동 지원"),
    ("dept08", "청소년 진로·직업체험", "청년층", "직업능력개발훈련", 60, "청년 창업과 역량 강화"),
    ("dept08", "지역아동센터 보조인력", "중·장년층", "직접일자리", 30, "공공일자리 운영"),
    ("dept08", "아동급식 도우미", "노년층", "직접일자리", 25, "어르신 일자리 확대"),
    ("dept08", "청소년 시설 운영 인력", "청년층", "직접일자리", 15, "청년 일자리 발굴·연계"),
    ("dept09", "특성화고 취업프로그램", "청년층", "직업능력개발훈련", 90, "청년 창업과 역량 강화"),
    ("dept09", "평생학습 강사 일자리", "중·장년층", "직접일자리", 40, "신중년 경력 활용"),
    ("dept09", "방과후 돌봄 인력", "여성", "직접일자리", 50, "여성 경제활동 지원"),
    ("dept09", "대학 연계 청년 취업캠프", "청년층", "고용서비스", 60, "청년 일자리 발굴·연계"),
    ("dept09", "늘봄학교 지원 인력", "여성", "직접일자리", 40, "여성 경제활동 지원", 2025),
    ("dept10", "통계조사", "중·장년층", "직접일자리", 110, "공공일자리 운영"),
    ("dept10", "주민센터 행정도우미", "중·장년층", "직접일자리", 45, "공공일자리 운영"),
    ("dept10", "마을활동가", "중·장년층", "직접일자리", 20, "신중년 경력 활용"),
    ("dept10", "자원봉사센터 코디네이터", "중·장년층", "직접일자리", 8, "공공일자리 운영"),
    ("dept11", "문화시설 운영 인력", "중·장년층", "직접일자리", 75, "공공일자리 운영"),
    ("dept11", "생활체육지도자", "청년층", "직접일자리", 20, "청년 일자리 발굴·연계"),
    ("dept11", "작은도서관 운영 인력", "여성", "직접일자리", 30, "여성 경제활동 지원"),
    ("dept11", "문화관광해설사", "노년층", "직접일자리", 12, "어르신 일자리 확대"),
    ("dept12", "공원 관리 기간제 근로", "노년층", "직접일자리", 240, "공공일자리 운영"),
    ("dept12", "도시숲 가꾸기", "중·장년층", "직접일자리", 40, "공공일자리 운영"),
    ("dept12", "산불 감시원", "노년층", "직접일자리", 20, "공공일자리 운영"),
    ("dept12", "녹지 관리 청년 일자리", "청년층", "직접일자리", 12, "청년 일자리 발굴·연계"),
    ("dept13", "자원관리 도우미", "노년층", "직접일자리", 220, "공공일자리 운영"),
    ("dept13", "골목길 환경 지킴이", "노년층", "직접일자리", 60, "어르신 일자리 확대"),
    ("dept13", "재활용 선별장 운영 인력", "취약계층", "직접일자리", 30, "공공일자리 운영"),
    ("dept14", "환경 감시원", "중·장년층", "직접일자리", 55, "공공일자리 운영"),
    ("dept14", "미세먼지 저감 지킴이", "노년층", "직접일자리", 30, "어르신 일자리 확대"),
    ("dept14", "에너지 진단 녹색 일자리", "청년층", "직접일자리", 12, "청년 일자리 발굴·연계"),
    ("dept14", "탄소중립 지킴이", "중·장년층", "직접일자리", 25, "공공일자리 운영", 2024),
    ("dept15", "주정차 질서 도우미", "중·장년층", "직접일자리", 60, "공공일자리 운영"),
    ("dept15", "어린이 교통안전 지도사", "노년층", "직접일자리", 80, "어르신 일자리 확대"),
    ("dept15", "공영주차장 관리 인력", "중·장년층", "직접일자리", 15, "공공일자리 운영"),
    ("dept16", "방역·보건 지원인력", "취약계층", "직접일자리", 120, "공공일자리 운영", 2023, 2023),
    ("dept16", "방문건강관리 인력", "중·장년층", "직접일자리", 30, "공공일자리 운영"),
    ("dept16", "치매안심센터 인력", "중·장년층", "직접일자리", 20, "공공일자리 운영"),
    ("dept16", "금연·절주 지도원", "중·장년층", "직접일자리", 10, "공공일자리 운영"),
    ("dept17", "도시재생 주민일자리", "민간", "직접일자리", 75, "사회적경제 육성"),
    ("dept17", "도시재생 현장지원센터 코디네이터", "청년층", "직접일자리", 10, "청년 일자리 발굴·연계"),
    ("dept17", "집수리 사회적기업 지원", "취약계층", "창업지원", 15, "사회적경제 육성"),
    ("dept18", "지식산업센터 건설 일자리", "민간", "일자리 인프라 구축", 450, "기업 지원과 민관협력"),
    ("dept18", "건축물 안전점검 보조인력", "중·장년층", "직접일자리", 10, "공공일자리 운영"),
    ("dept19", "주거취약계층 일자리", "취약계층", "직접일자리", 90, "자활·공동체 일자리"),
    ("dept19", "공동주택 관리 지원 인력", "중·장년층", "직접일자리", 12, "공공일자리 운영"),
    ("dept19", "주거복지센터 상담원", "중·장년층", "고용서비스", 6, "공공일자리 운영"),
    ("dept20", "청년 행정인턴", "청년층", "직접일자리", 80, "청년 일자리 발굴·연계"),
    ("dept20", "청년 정책 서포터즈", "청년층", "직접일자리", 20, "청년 일자리 발굴·연계"),
    ("dept21", "청년 디지털 일자리", "청년층", "직접일자리", 75, "청년 일자리 발굴·연계"),
    ("dept21", "디지털 배움터 강사", "중·장년층", "직접일자리", 20, "신중년 경력 활용"),
    ("dept21", "스마트 행정 데이터 인턴", "청년층", "직접일자리", 10, "청년 일자리 발굴·연계"),
    ("dept21", "AI 디지털 인재 양성", "청년층", "직업능력개발훈련", 25, "청년 창업과 역량 강화", 2025),
    ("dept22", "시니어 행정도우미", "노년층", "직접일자리", 190, "어르신 일자리 확대"),
    ("dept22", "청사 안내 도우미", "노년층", "직접일자리", 12, "어르신 일자리 확대"),
]
MOVED = {"사회적경제기업 육성": (2025, "dept01")}  # from 2025 on, run by another department

# Share of a year's jobs created in each quarter, by 부문 (직접일자리 hire in January and July).
SEASON = {
    "직접일자리": (45, 15, 30, 10),
    "고용서비스": (22, 26, 27, 25),
    "직업능력개발훈련": (15, 30, 25, 30),
    "고용장려금": (20, 25, 25, 30),
    "창업지원": (15, 25, 30, 30),
    "일자리 인프라 구축": (20, 25, 25, 30),
}
GROWTH = {2023: 1.0, 2024: 1.03, 2025: 1.05, 2026: 1.08}

# A 세부사업's budget: 백만원 per job of its target, by 부문, and the shares of 국비, 시비 and 구비 (%).
COST_PER_JOB = {
    "직접일자리": 6.0,
    "직업능력개발훈련": 2.5,
    "고용서비스": 0.4,
    "고용장려금": 7.0,
    "창업지원": 9.0,
    "일자리 인프라 구축": 1.5,
}
SOURCE_SHARES = {
    "직접일자리": {"national": 50, "city": 25, "district": 25},
    "직업능력개발훈련": {"national": 40, "city": 30, "district": 30},
    "고용서비스": {"national": 20, "city": 30, "district": 50},
    "고용장려금": {"national": 60, "city": 20, "district": 20},
    "창업지원": {"national": 30, "city": 30, "district": 40},
    "일자리 인프라 구축": {"city": 40, "district": 60},
}
EXECUTED_SHARE = {2023: (0.85, 0.99), 2024: (0.85, 0.99), 2025: (0.85, 0.99), 2026: (0.55, 0.75)}  # 2026: to Q3

PLEDGE_HEADER = {
    "status": "on_track",
    "completion_due": "임기내",
    "completion_year": 2026,
    "collaboration_note": "분기별 일자리창출 실적보고서 제출 (시연용 자료)",
    "central_counterpart": "고용노동부 지역산업고용정책과",
    "city_counterpart": "일자리정책과",
}
PLEDGES = [
    {
        "code": "일자리-1",
        "title": "청년이 머무는 일자리 도시 (시연용)",
        "implementation_rate": "75.0",
        "project_type": "신규/자체/국·시비",
        "plan_label": "청년 일자리 창출(지원)",
        "policy_goal": "[시연용 자료] 청년이 지역에서 일자리를 찾고 창업하며 머물 수 있도록 청년 맞춤 일자리와 "
        "역량 강화 기회를 넓히고자 함",
        "strategies": ["청년 일자리 발굴·연계", "청년 창업 지원", "청년 직무역량 강화"],
        "groups": ["청년층"],
        "budget": {"national": 900, "city": 700, "district": 1100},
    },
    {
        "code": "일자리-2",
        "title": "신중년·어르신 일자리 확대 (시연용)",
        "implementation_rate": "75.0",
        "project_type": "계속/자체/국·시비",
        "plan_label": "신중년·어르신 일자리 창출(지원)",
        "policy_goal": "[시연용 자료] 신중년의 경력과 어르신의 경험을 살리는 일자리를 늘려 소득과 사회참여를 "
        "함께 보장하고자 함",
        "strategies": ["신중년 경력 활용 일자리", "어르신 일자리 확대", "돌봄·사회서비스 일자리 연계"],
        "groups": ["중·장년층", "노년층"],
        "departments": ["dept01", "dept03", "dept07", "dept09", "dept10", "dept22"],
        "also": ["아이돌봄 지원사업"],  # shared with 일자리-3: counts in both
        "budget": {"national": 6200, "city": 2100, "district": 2400},
    },
    {
        "code": "일자리-3",
        "title": "여성·장애인 포용 일자리 (시연용)",
        "implementation_rate": "75.0",
        "project_type": "계속/자체/국·시비",
        "plan_label": "여성·장애인 일자리 지원",
        "policy_goal": "[시연용 자료] 경력이 끊긴 여성과 장애인이 일할 기회를 넓혀 누구도 배제되지 않는 "
        "지역 고용을 만들고자 함",
        "strategies": ["여성 경제활동 지원", "장애인 맞춤 일자리", "포용적 고용서비스"],
        "groups": ["여성", "장애인"],
        "budget": {"national": 1800, "city": 900, "district": 700},
    },
]
PENDING_2026_Q3 = {
    "submitted": ["dept12", "dept15"],
    "returned": {
        "dept09": "늘봄학교 지원 인력 3분기 인원이 참여자 명단(42명)과 다릅니다. 명단과 맞춰 다시 제출해 주세요."
    },
    "missing": ["dept17", "dept21"],
}


# The results report's written sections (추진실적 보고서) of 2024, as the lead department wrote them in the first
# months of 2025 for the evaluation; invented like every figure here. 2025's report is left for the demo's lead to
# write on screen (/plans/2025/evaluation/).
EVALUATIONS = {
    "2024": {
        "achievements": "민선8기 2년 차 일자리 목표의 98% 수준을 달성했습니다. 청년 일자리와 직업훈련 사업이 목표를 넘었고, "
        "G밸리 기업 연계 채용이 늘었습니다.",
        "best_practices": "G밸리 청년 취업 연계 사업: 입주 기업과 구직 청년을 분기마다 이어 주어 채용 전환율이 높았습니다.",
        "shortfalls": "고용장려금 사업은 기업 신청이 늦어 하반기에 실적이 몰렸습니다. 2025년에는 상반기 신청을 안내합니다.",
        "next_steps": "2025년에는 중장년 재취업 훈련과 여성 경력 이음 사업을 늘립니다.",
        "evidence": [
            ["2024년 4분기 일자리창출 실적 보고", "분기보고_2024_4.pdf"],
            ["지역별고용조사 2024년 하반기", "https://kosis.kr"],
        ],
    },
}


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to `weights` that add up to `total` (largest remainder)."""
    raw = [total * weight / sum(weights) for weight in weights]
    shares = [int(share) for share in raw]
    for i in sorted(range(len(raw)), key=lambda i: (shares[i] - raw[i], i))[: total - sum(shares)]:
        shares[i] += 1
    return shares


def programme_budget(kind: str, target: int, year: int, rng: random.Random) -> dict:
    """A 세부사업's budget of the year by source: [secured, executed] in 백만원 (a source without money is left out)."""
    budget = {}
    for source, share in SOURCE_SHARES[kind].items():
        secured = round(target * COST_PER_JOB[kind] * share / 100 * rng.uniform(0.9, 1.1))
        if secured:
            budget[source] = [secured, round(secured * rng.uniform(*EXECUTED_SHARE[year]))]
    return budget


def build() -> dict:
    rng = random.Random(8)  # noqa: S311 - made-up demo figures, reproducible on purpose
    budget_rng = random.Random(88)  # noqa: S311 - a second stream, so that the figures drawn before stay the same
    lineages = []
    for number, row in enumerate(P, start=1):
        code, name, group, kind, base, task, *years = row
        first, last = [*years, 2026][:2] if years else (2023, 2026)
        per_year = {}
        for year in YEARS:
            target = round(base * GROWTH[year] * rng.uniform(0.95, 1.05))
            actual = round(target * rng.uniform(0.93, 1.09))
            weights = [w * rng.uniform(0.8, 1.2) for w in SEASON[kind]]
            per_year[year] = (max(target, 1), split(actual, weights))
        moved_year, moved_to = MOVED.get(name, (9999, None))
        lineages.append(
            {
                "key": f"T8-{number:03d}",
                "rows": {
                    year: {
                        "department": moved_to if year >= moved_year else code,
                        "name": name,
                        "group": group,
                        "type": kind,
                        "target": per_year[year][0],
                        "results": per_year[year][1][: LAST_QUARTER.get(year, 4)],
                        "budget": programme_budget(kind, per_year[year][0], year, budget_rng),
                    }
                    for year in YEARS
                    if first <= year <= last
                },
                "task": task,
            }
        )
    plans = {}
    for year in YEARS:
        strategies = []
        for strategy, tasks in STRATEGIES:
            strategies.append(
                {
                    "name": strategy,
                    "tasks": [
                        {
                            "name": task,
                            "programmes": [
                                {"lineage": lineage["key"], **lineage["rows"][year]}
                                for lineage in lineages
                                if lineage["task"] == task and year in lineage["rows"]
                            ],
                        }
                        for task in tasks
                    ],
                }
            )
        plans[str(year)] = {"published_on": f"{year}-03-{28 + year % 3}", "strategies": strategies}
    pledges = [pledge_data(pledge, lineages, rng) for pledge in PLEDGES]
    term_target = sum(row["target"] for lineage in lineages for row in lineage["rows"].values())
    return {
        "_about": (
            "DEMO DATA (시연용 자료), invented for the demo: a 민선8기 term plan of 금천구 for 2023–2026 with its "
            "yearly plans (추진전략 → 실천과제 → 세부사업 with department, 부문, 대상, target and budget by source, "
            "[secured, executed] in 백만원), three job pledges "
            "linked to subsets of the 세부사업, and each 세부사업's jobs created in each quarter (not cumulative) "
            "through 2026 Q3. Nothing here is Geumcheon-gu's real plan; the real data is the card "
            "(card_jiyeokgyeongje_11.json, 민선7기 2018–2022), which this file never changes. Generated by "
            "scripts/make_demo_term8.py (deterministic); seed_demo loads it and only creates what is missing."
        ),
        "term": {"name": "민선8기", "first_year": 2023, "last_year": 2026, "jobs_target": round(term_target, -2)},
        "target_groups": ["여성", "장애인"],
        "plans": plans,
        "pending_2026_q3": {
            "_about": "2026 Q3 reports left pending: submitted (not yet reviewed), returned with a reason, missing.",
            **PENDING_2026_Q3,
        },
        "pledges": pledges,
        "evaluations": EVALUATIONS,
    }


def pledge_data(pledge: dict, lineages: list[dict], rng: random.Random) -> dict:
    """A pledge's card header, its 세부사업 per year, its targets (the sum of theirs, by 대상) and budget."""
    links, targets, groups = {}, {}, {}
    for year in YEARS:
        chosen = [
            (lineage["key"], row)
            for lineage in lineages
            if (row := lineage["rows"].get(year))
            and (
                (
                    row["group"] in pledge["groups"]
                    and row["department"] in pledge.get("departments", [row["department"]])
                )
                or row["name"] in pledge.get("also", ())
            )
        ]
        links[str(year)] = [key for key, _ in chosen]
        targets[str(year)] = sum(row["target"] for _, row in chosen)
        by_group = {}
        for _, row in chosen:
            by_group[row["group"]] = by_group.get(row["group"], 0) + row["target"]
        groups[str(year)] = by_group
    allocations = {}
    for source, base in pledge["budget"].items():
        allocations[source] = {}
        for year in YEARS:
            secured = round(base * GROWTH[year] * rng.uniform(0.95, 1.05))
            executed = None if year == 2026 else round(secured * rng.uniform(0.82, 0.98))
            allocations[source][str(year)] = [secured, executed]
    code = pledge["code"]
    return {
        "code": code,
        "title": pledge["title"],
        **PLEDGE_HEADER,
        "implementation_rate": pledge["implementation_rate"],
        "project_type": pledge["project_type"],
        "plan_label": pledge["plan_label"],
        "policy_goal": pledge["policy_goal"],
        "strategies": pledge["strategies"],
        "authors": [
            {"position": "일자리창출과장", "name": "시연용", "extension": "0000"},
            {"position": "담당", "name": "시연용", "extension": "0000"},
        ],
        "annual_targets": targets,
        "group_targets": groups,
        "programmes": links,
        "budget_line": pledge["plan_label"],
        "allocations": allocations,
        "progress_entries": [
            [2023, 3, f"2023년 {code} 추진계획 수립 (시연용)"],
            [2024, 1, "2023년 일자리창출 실적 보고", 2023, 4],
            [2025, 1, "2024년 일자리창출 실적 보고", 2024, 4],
            [2026, 1, "2025년 일자리창출 실적 보고", 2025, 4],
            [2026, 4, "2026년 1분기 일자리창출 실적 보고", 2026, 1],
            [2026, 7, "2026년 상반기 일자리창출 실적 보고", 2026, 2],
            [2026, 10, "2026년 3분기 일자리창출 실적 보고", 2026, 3],
        ],
        "future_plan": [
            [0, "연차별 세부계획에 따른 사업 추진과 분기별 실적 점검"],
            [0, "민선9기 종합계획에 성과와 과제 반영"],
        ],
    }


def dumps(data: dict) -> str:
    """Indented JSON with each innermost list and object on one line, so that a 세부사업 reads as one row."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = re.sub(r"\[\s*([^\[\]{}]*?)\s*\]", lambda m: "[" + re.sub(r",\s+", ", ", m[1]) + "]", text)
    return re.sub(r"\{\n\s*([^{}]*?)\n\s*\}", lambda m: "{" + re.sub(r",\n\s*", ", ", m[1]) + "}", text)


if __name__ == "__main__":
    OUT.write_text(dumps(build()) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
