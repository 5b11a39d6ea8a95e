"""DEMO DATA: two fictional governments beside 금천구, each marked demo — 예시구 (a 자치구 of 서울특별시) and 예시군 (a 군
of the fictional 예시도) — with a small plan (2025 and 2026, a few 세부사업, each with a budget from the government's
own funding sources: 국비·시비·구비 for 예시구, 국비·도비·군비·민자 for 예시군), one job pledge linked to them, approved
results through 2026 Q3, and their accounts; plus `seoul-supervisor`, who reads every government under 서울특별시
(금천구 and 예시구) and changes nothing.

Like the rest of the seed it only creates what is missing and never changes an existing row; 금천구's rows are not
touched. Every figure below is invented: the results of a quarter are a fixed share of each 세부사업's target."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from performance.access import MANAGER_GROUP, REVIEWER_GROUP, STAFF_GROUP, SUPERVISOR_GROUP
from performance.models import (
    AnnualTarget,
    Department,
    GovernmentFundingSource,
    LocalGovernment,
    Membership,
    Pledge,
    PledgeProgramme,
    Programme,
    ProgrammeBudget,
    ProgrammeLineage,
    ProgrammeType,
    QuarterlyReport,
    QuarterlyReportLine,
    Strategy,
    TargetGroup,
    Task,
)
from performance.plans import MINISTRY_PROGRAMME_TYPES

from .seed import get_or_create_counted, report_date, seed_term

SEOUL = ("서울특별시", "6110000")  # the real 시·도 of 금천구 (행정기관코드)
YEARS = (2025, 2026)
LAST_PERIOD = (2026, 3)  # the last ended quarter the demo reports
QUARTER_SHARES = (20, 25, 25, 30)  # % of a 세부사업's yearly target reported in each quarter (invented)
GROUPS = ("청년층", "중·장년층", "노년층", "취약계층")


@dataclass(frozen=True)
class DemoGovernment:
    name: str
    code: str
    region: tuple[str, str, bool]  # its 시·도: name, code, demo
    prefix: str  # of its accounts and department codes: gu2-lead, gu2-dept01
    departments: tuple[str, ...]  # the first is the lead department
    programmes: tuple[tuple[int, str, str, str, int], ...]  # department index, name, 부문, 대상, target of 2025
    pledge: tuple[str, str]  # code, title
    sources: tuple[str, ...]  # its funding sources, in its order (FundingSource values)


GOVERNMENTS = (
    DemoGovernment(
        name="예시구",
        code="9900001",
        region=(*SEOUL, False),
        prefix="gu2",
        departments=("일자리경제과", "복지기획과", "청년정책과"),
        programmes=(
            (0, "예시구 일자리센터 취업알선", "고용서비스", "중·장년층", 400),
            (1, "어르신 공익활동", "직접일자리", "노년층", 300),
            (1, "자활근로사업", "직접일자리", "취약계층", 120),
            (2, "청년 창업공간 운영", "창업지원", "청년층", 60),
            (2, "청년 직무교육", "직업능력개발훈련", "청년층", 80),
        ),
        pledge=("민생-1", "예시구 주민 일자리 1,000개 (시연용)"),
        sources=("national", "city", "district"),  # 국비·시비·구비, as a Seoul 자치구
    ),
    DemoGovernment(
        name="예시군",
        code="9900101",
        region=("예시도", "9900100", True),
        prefix="gun",
        departments=("경제정책과", "농업정책과", "주민복지과"),
        programmes=(
            (0, "군 일자리지원센터 운영", "고용서비스", "중·장년층", 150),
            (1, "농촌 일손 돕기", "직접일자리", "노년층", 200),
            (1, "귀농 청년 창업 지원", "창업지원", "청년층", 20),
            (2, "노인 일자리 사업", "직접일자리", "노년층", 180),
        ),
        pledge=("지역활력-1", "예시군 농촌 일자리 활력 (시연용)"),
        sources=("national", "province", "county", "private"),  # 국비·도비·군비·민자, as a 군 of a 도
    ),
)
YEAR_GROWTH = {2025: 100, 2026: 110}  # % of the 2025 target in each year (invented)
# A 세부사업's budget by source, 백만원 (invented): its jobs target × the source's weight ÷ 10; a year's executed
# amounts are 80% of the secured ones once the year is over (2025), none yet in 2026.
SOURCE_WEIGHTS = (5, 3, 2, 1)


def seed_demo_governments(counter: list[int], password: str | None) -> tuple[str, ...]:
    """The two demo governments, their data and (with a hashed `password`) their accounts and `seoul-supervisor`;
    returns the accounts' names."""
    accounts = []
    for spec in GOVERNMENTS:
        government = _government(spec, counter)
        departments = _departments(government, spec, counter)
        reviewer = _accounts(government, departments, spec, counter, password, accounts) if password else None
        pledge = _plan_and_pledge(government, departments, spec, counter)
        _results(pledge, reviewer, counter)
    if password:
        seoul = LocalGovernment.objects.get(code=SEOUL[1])
        _account("seoul-supervisor", "서울특별시 감독", SUPERVISOR_GROUP, seoul, None, counter, password)
        accounts.append("seoul-supervisor")
    return tuple(accounts)


def _government(spec: DemoGovernment, counter) -> LocalGovernment:
    region_name, region_code, region_demo = spec.region
    region = get_or_create_counted(
        LocalGovernment,
        counter,
        name=region_name,
        defaults={"code": region_code, "kind": LocalGovernment.Kind.REGIONAL, "is_demo": region_demo},
    )
    defaults = {"code": spec.code, "kind": LocalGovernment.Kind.BASIC, "parent": region, "is_demo": True}
    government = get_or_create_counted(LocalGovernment, counter, name=spec.name, defaults=defaults)
    for order, name in enumerate(GROUPS, start=1):
        get_or_create_counted(
            TargetGroup, counter, local_government=government, name=name, defaults={"sort_order": order}
        )
    for order, name in enumerate(MINISTRY_PROGRAMME_TYPES, start=1):
        get_or_create_counted(
            ProgrammeType, counter, local_government=government, name=name, defaults={"sort_order": order}
        )
    for order, source in enumerate(spec.sources, start=1):
        get_or_create_counted(
            GovernmentFundingSource, counter, local_government=government, source=source, defaults={"sort_order": order}
        )
    return government


def _departments(government, spec: DemoGovernment, counter) -> list[Department]:
    return [
        get_or_create_counted(
            Department,
            counter,
            local_government=government,
            name=name,
            defaults={
                "code": f"{spec.prefix}-dept{number:02d}",
                "is_lead": number == 1,
                "is_demo": True,
                "sort_order": number,
            },
        )
        for number, name in enumerate(spec.departments, start=1)
    ]


def _accounts(government, departments, spec: DemoGovernment, counter, password, accounts: list):
    lead = departments[0]
    rows = [
        (f"{spec.prefix}-lead", f"{spec.name} 검토자", REVIEWER_GROUP, lead),
        (f"{spec.prefix}-manager", f"{spec.name} 관리자", MANAGER_GROUP, None),
    ]
    rows += [(d.code, f"{spec.name} {d.name}", STAFF_GROUP, d) for d in departments]
    for username, first_name, group, department in rows:
        _account(username, first_name, group, government, department, counter, password)
        accounts.append(username)
    return get_user_model().objects.get(username=rows[0][0])


def _account(username, first_name, group, government, department, counter, password) -> None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create(
            username=username, password=password, first_name=first_name, email=f"{username}@demo.geumcheon.invalid"
        )
        user.groups.add(Group.objects.get(name=group))
        counter[0] += 1
    defaults = {"local_government": government, "department": department}
    get_or_create_counted(Membership, counter, user=user, defaults=defaults)


def _plan_and_pledge(government, departments, spec: DemoGovernment, counter) -> Pledge:
    term = {"name": "민선8기", "first_year": 2022, "last_year": 2026, "is_demo": True, "years": YEARS}
    # only the years the demo has a plan for: a year without one is never shown as if it were empty
    term_plan = seed_term(government, {**term, "published_on": {str(y): f"{y}-03-31" for y in YEARS}}, counter)
    groups = {g.name: g for g in TargetGroup.objects.filter(local_government=government)}
    types = {t.name: t for t in ProgrammeType.objects.filter(local_government=government)}
    pledge = get_or_create_counted(
        Pledge,
        counter,
        local_government=government,
        code=spec.pledge[0],
        defaults={
            "title": spec.pledge[1],
            "status": "on_track",
            "implementation_rate": 50,
            "completion_due": "임기내",
            "project_type": "계속/자체",
            "lead_department": departments[0],
            "plan_label": "주민 일자리 창출",
            "policy_goal": "시연용 공약입니다.",
            "strategies": "일자리 연계 강화\n계층별 맞춤 지원",
        },
    )
    for plan in term_plan.year_plans.filter(year__in=YEARS):
        strategy = get_or_create_counted(
            Strategy, counter, year_plan=plan, name="계층별 맞춤 일자리", defaults={"sort_order": 1}
        )
        task = get_or_create_counted(
            Task, counter, strategy=strategy, name="일자리 연계와 창출", defaults={"sort_order": 1}
        )
        total = 0
        for order, (index, name, kind, group, target) in enumerate(spec.programmes, start=1):
            lineage = get_or_create_counted(ProgrammeLineage, counter, local_government=government, name=name)
            jobs_target = target * YEAR_GROWTH[plan.year] // 100
            programme = get_or_create_counted(
                Programme,
                counter,
                year_plan=plan,
                lineage=lineage,
                defaults={
                    "task": task,
                    "department": departments[index],
                    "target_group": groups[group],
                    "programme_type": types[kind],
                    "name": name,
                    "jobs_target": jobs_target,
                    "sort_order": order,
                },
            )
            get_or_create_counted(PledgeProgramme, counter, pledge=pledge, programme=programme)
            for source, weight in zip(spec.sources, SOURCE_WEIGHTS, strict=False):
                secured = jobs_target * weight // 10
                executed = secured * 8 // 10 if plan.year < YEARS[-1] else None
                get_or_create_counted(
                    ProgrammeBudget,
                    counter,
                    programme=programme,
                    source=source,
                    defaults={"secured": secured, "executed": executed},
                )
            total += jobs_target
        get_or_create_counted(
            AnnualTarget, counter, pledge=pledge, year=plan.year, target_group=None, defaults={"jobs": total}
        )
    return pledge


def _results(pledge: Pledge, reviewer, counter) -> None:
    """Approved reports of every department with 세부사업, each quarter of the demo years through LAST_PERIOD."""
    programmes = Programme.objects.filter(year_plan__local_government=pledge.local_government).select_related(
        "year_plan"
    )
    for programme in programmes.order_by("year_plan__year", "pk"):
        for quarter, share in enumerate(QUARTER_SHARES, start=1):
            if (programme.year, quarter) > LAST_PERIOD:
                break
            when = report_date(programme.year, quarter)
            report = get_or_create_counted(
                QuarterlyReport,
                counter,
                department=programme.department,
                year=programme.year,
                quarter=quarter,
                defaults={
                    "status": QuarterlyReport.Status.APPROVED,
                    "submitted_at": when - datetime.timedelta(days=3),
                    "reviewed_at": when,
                    "reviewed_by": reviewer,
                },
            )
            jobs = programme.jobs_target * share // 100
            get_or_create_counted(
                QuarterlyReportLine, counter, report=report, programme=programme, defaults={"jobs": jobs}
            )
