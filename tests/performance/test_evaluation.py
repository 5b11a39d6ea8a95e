"""The results report's written sections (추진 성과, 우수 사례, 미흡 사항과 개선 계획, 향후 계획) and evidence: the lead
department writes them on a page per yearly plan, every save kept with who and when and the previous text readable;
a form built from an older text is refused with nothing written; managers read; staff neither."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from performance.evaluation_services import StaleEvaluation, evaluation_history, evaluation_of, evaluation_save
from performance.models import EvaluationEvidence, EvaluationReport, YearPlan

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def plan(card_data) -> YearPlan:
    return YearPlan.objects.get(local_government=card_data.local_government, year=YEAR)


def _user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def test_each_save_is_kept_with_the_previous_text_readable(plan):
    lead = _user("lead")
    first = evaluation_save(
        user=lead,
        year_plan=plan,
        version=0,
        sections={"achievements": "목표를 넘었습니다."},
        evidence=[("4분기 실적 보고", "report.pdf")],
    )
    assert first.version == 1
    second = evaluation_save(
        user=lead,
        year_plan=plan,
        version=1,
        sections={"achievements": "목표를 3.2% 넘었습니다.", "shortfalls": "중장년 사업이 부진했습니다."},
        evidence=[("4분기 실적 보고", "report.pdf"), ("만족도 조사", "")],
    )
    assert second.version == 2
    assert [(e.title, e.reference) for e in evaluation_of(plan).evidence.all()] == [
        ("4분기 실적 보고", "report.pdf"),
        ("만족도 조사", ""),
    ]
    history = evaluation_history(second)
    assert [v.number for v in history] == [2, 1]
    assert dict(history[1].sections)["추진 성과"] == "목표를 넘었습니다."  # the earlier text stays readable
    assert set(history[0].changed) == {"추진 성과", "미흡 사항과 개선 계획"}
    assert history[0].who and history[0].who == history[1].who


def test_a_form_built_from_an_older_text_is_refused_and_nothing_written(plan):
    lead = _user("lead")
    evaluation_save(user=lead, year_plan=plan, version=0, sections={"achievements": "먼저 쓴 글"}, evidence=[])
    with pytest.raises(StaleEvaluation) as refused:
        evaluation_save(user=lead, year_plan=plan, version=0, sections={"achievements": "나중 글"}, evidence=[])
    assert "다른 사용자가 보고서 내용을 바꾸었습니다" in refused.value.message
    report = EvaluationReport.objects.get(year_plan=plan)
    assert (report.achievements, report.version, report.history.count()) == ("먼저 쓴 글", 1, 1)


def test_only_the_lead_department_writes(plan):
    with pytest.raises(PermissionDenied):
        evaluation_save(user=_user("manager"), year_plan=plan, version=0, sections={}, evidence=[])
    assert not EvaluationReport.objects.filter(year_plan=plan).exists()


def test_page_saves_and_shows_the_history(client, plan):
    client.force_login(_user("lead"))
    url = reverse("plans:evaluation", args=[YEAR])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "version": 0,
            "achievements": "청년 일자리 목표 달성",
            "best_practices": "",
            "shortfalls": "",
            "next_steps": "",
            "evidence": "실적 보고서 | https://example.go.kr/a\n\n사진첩",
        },
    )
    assert response.status_code == 302
    assert [(e.title, e.reference) for e in EvaluationEvidence.objects.filter(report__year_plan=plan)] == [
        ("실적 보고서", "https://example.go.kr/a"),
        ("사진첩", ""),
    ]
    page = client.get(url).content.decode()
    assert "제1판" in page and "청년 일자리 목표 달성" in page


def test_page_refuses_a_stale_form_and_a_bad_evidence_line_in_korean(client, plan):
    client.force_login(_user("lead"))
    url = reverse("plans:evaluation", args=[YEAR])
    evaluation_save(user=_user("lead"), year_plan=plan, version=0, sections={"achievements": "처음"}, evidence=[])
    stale = client.post(url, {"version": 0, "achievements": "덮어쓰기", "evidence": ""})
    assert stale.status_code == 409
    assert "다른 사용자가 보고서 내용을 바꾸었습니다" in stale.content.decode()
    bad = client.post(url, {"version": 1, "achievements": "고침", "evidence": "좋은 자료\n| 제목없음.pdf"})
    assert bad.status_code == 400
    assert "근거 자료 2번째 줄: &#x27;|&#x27; 앞에 자료의 제목을 쓰세요." in bad.content.decode()
    assert EvaluationReport.objects.get(year_plan=plan).achievements == "처음"


def test_managers_read_and_staff_are_refused(client, plan):
    evaluation_save(user=_user("lead"), year_plan=plan, version=0, sections={"achievements": "성과 문단"}, evidence=[])
    url = reverse("plans:evaluation", args=[YEAR])
    client.force_login(_user("manager"))
    page = client.get(url)
    assert page.status_code == 200 and "성과 문단" in page.content.decode() and "<textarea" not in page.content.decode()
    client.force_login(_user("dept03"))
    assert client.get(url).status_code == 403
