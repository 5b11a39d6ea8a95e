"""Every transition of a quarterly report, and every refusal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance import services
from performance.models import MAX_JOBS, QuarterlyReport, QuarterlyReportLine
from performance.plans import plan_programmes
from performance.services import LineInput, ReportError, StaleReport, WarningsNotAcknowledged
from tests.results import approved_cumulative

YEAR, QUARTER = 2021, 3


@pytest.fixture
def users(card_data, django_user_model):
    return {
        u.username: u for u in django_user_model.objects.filter(username__in=["lead", "manager", "dept03", "dept04"])
    }


@pytest.fixture
def dept03(users):
    return users["dept03"].membership.department


def save(department, user, figures, version=0):
    lines = [LineInput(pid, jobs, comment) for pid, (jobs, comment) in figures.items()]
    return services.report_save_lines(
        department=department, year=YEAR, quarter=QUARTER, lines=lines, user=user, expected_version=version
    )


def figures_for(department, jobs=500):
    return {p.pk: (jobs, "") for p in plan_programmes(department, 2021)}


def submitted(dept03, users, jobs=500):
    report = save(dept03, users["dept03"], figures_for(dept03, jobs))
    return services.report_submit(
        report_id=report.pk, user=users["dept03"], expected_version=report.version, acknowledged=True
    )


def test_first_save_creates_a_draft_with_history(dept03, users):
    report = save(dept03, users["dept03"], figures_for(dept03))
    assert (report.status, report.version) == ("draft", 1)
    line = report.lines.get()
    assert line.jobs == 500
    assert line.history.get().history_user == users["dept03"]


def test_saving_again_needs_the_current_version(dept03, users):
    report = save(dept03, users["dept03"], figures_for(dept03, 500))
    save(dept03, users["lead"], figures_for(dept03, 510), version=1)  # the lead department corrects it first
    with pytest.raises(StaleReport) as refused:
        save(dept03, users["dept03"], figures_for(dept03, 700), version=1)
    assert any("500 → 510" in change for change in refused.value.changes)
    report.refresh_from_db()
    assert report.lines.get().jobs == 510 and report.version == 2


def test_two_people_opening_an_empty_form_cannot_both_create(dept03, users):
    save(dept03, users["dept03"], figures_for(dept03, 1))
    with pytest.raises(StaleReport):
        save(dept03, users["lead"], figures_for(dept03, 2))
    assert QuarterlyReport.objects.filter(department=dept03, year=YEAR, quarter=QUARTER).count() == 1


def test_staff_cannot_enter_another_departments_figures(dept03, users):
    with pytest.raises(PermissionDenied):
        save(dept03, users["dept04"], figures_for(dept03))
    assert not QuarterlyReport.objects.filter(department=dept03, year=YEAR, quarter=QUARTER).exists()


def test_managers_only_read(dept03, users):
    with pytest.raises(PermissionDenied):
        save(dept03, users["manager"], figures_for(dept03))


def test_a_programme_of_another_department_is_refused(dept03, users):
    other = plan_programmes(users["dept04"].membership.department, 2021).first()
    with pytest.raises(ReportError):
        save(dept03, users["dept03"], {other.pk: (5, "")})
    assert not QuarterlyReportLine.objects.filter(report__year=YEAR, report__quarter=QUARTER).exists()


def test_clearing_a_figure_removes_the_line_and_keeps_history(dept03, users):
    programme = plan_programmes(dept03, 2021).first()
    save(dept03, users["dept03"], {programme.pk: (9, "")})
    report = save(dept03, users["dept03"], {programme.pk: (None, "")}, version=1)
    assert not report.lines.exists()
    assert [h.history_type for h in QuarterlyReportLine.history.filter(report_id=report.pk)] == ["-", "+"]


def test_submit_needs_warnings_acknowledged(dept03, users):
    report = save(dept03, users["dept03"], {p.pk: (None, "메모") for p in plan_programmes(dept03, 2021)})
    with pytest.raises(WarningsNotAcknowledged) as refused:
        services.report_submit(report_id=report.pk, user=users["dept03"], expected_version=1)
    assert "입력하지 않았습니다" in refused.value.warnings[0].message
    report.refresh_from_db()
    assert report.status == "draft"


def test_submit_then_double_click(dept03, users):
    report = submitted(dept03, users)
    assert (report.status, report.submitted_by) == ("submitted", users["dept03"])
    with pytest.raises(ReportError, match="이미 제출"):
        services.report_submit(report_id=report.pk, user=users["dept03"], expected_version=report.version - 1)
    assert report.history.filter(status="submitted").count() == 1


def test_submitted_figures_are_locked_for_editing(dept03, users):
    report = submitted(dept03, users)
    with pytest.raises(ReportError):
        save(dept03, users["dept03"], figures_for(dept03, 1), version=report.version)


def test_approve_counts_the_figures(card_data, dept03, users):
    before = approved_cumulative(card_data, YEAR, QUARTER)
    report = submitted(dept03, users, jobs=500)
    assert approved_cumulative(card_data, YEAR, QUARTER) == before
    services.report_approve(report_id=report.pk, user=users["lead"], expected_version=report.version)
    assert approved_cumulative(card_data, YEAR, QUARTER) == before + 500


@pytest.mark.parametrize("username", ["dept03", "manager"])
def test_only_the_lead_department_reviews(dept03, users, username):
    report = submitted(dept03, users)
    for action in (services.report_approve, services.report_return):
        with pytest.raises(PermissionDenied):
            kwargs = {"reason": "x"} if action is services.report_return else {}
            action(report_id=report.pk, user=users[username], expected_version=report.version, **kwargs)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_return_needs_a_reason_and_the_department_sees_it(dept03, users):
    report = submitted(dept03, users)
    with pytest.raises(ReportError, match="사유"):
        services.report_return(report_id=report.pk, user=users["lead"], expected_version=report.version, reason="  ")
    report = services.report_return(
        report_id=report.pk, user=users["lead"], expected_version=report.version, reason="공공근로 인원 재확인"
    )
    assert (report.status, report.review_reason) == ("returned", "공공근로 인원 재확인")
    assert report.history.first().history_change_reason == "반려: 공공근로 인원 재확인"
    # corrected and resubmitted
    report = save(dept03, users["dept03"], figures_for(dept03, 480), version=report.version)
    report = services.report_submit(
        report_id=report.pk, user=users["dept03"], expected_version=report.version, acknowledged=True
    )
    assert report.status == "submitted" and report.review_reason == ""


def test_approved_is_locked_until_reopened_with_a_reason(dept03, users):
    report = submitted(dept03, users)
    report = services.report_approve(report_id=report.pk, user=users["lead"], expected_version=report.version)
    with pytest.raises(ReportError, match="고칠 수 없습니다"):
        save(dept03, users["dept03"], figures_for(dept03, 1), version=report.version)
    with pytest.raises(ReportError, match="사유"):
        services.report_reopen(report_id=report.pk, user=users["lead"], expected_version=report.version, reason="")
    report = services.report_reopen(
        report_id=report.pk, user=users["lead"], expected_version=report.version, reason="집계 오류"
    )
    assert report.status == "returned"
    save(dept03, users["dept03"], figures_for(dept03, 1), version=report.version)


@pytest.mark.parametrize("action", ["approve", "return", "reopen"])
def test_review_from_the_wrong_state_is_refused(dept03, users, action):
    report = save(dept03, users["dept03"], figures_for(dept03))
    kwargs = {} if action == "approve" else {"reason": "사유"}
    with pytest.raises(ReportError, match="상태"):
        getattr(services, f"report_{action}")(report_id=report.pk, user=users["lead"], expected_version=1, **kwargs)


def test_a_stale_review_is_refused(dept03, users):
    report = submitted(dept03, users)
    with pytest.raises(StaleReport):
        services.report_approve(report_id=report.pk, user=users["lead"], expected_version=report.version - 1)


def test_bulk_approve_approves_the_clean_ones_and_says_why_not_the_others(card_data, users, django_user_model):
    clean, warned = [], None
    for code in ["dept05", "dept06"]:
        user = django_user_model.objects.get(username=code)
        department = user.membership.department
        report = save(department, user, figures_for(department, 40))
        clean.append(services.report_submit(report_id=report.pk, user=user, expected_version=1, acknowledged=True))
    dept03 = users["dept03"].membership.department
    warned = save(dept03, users["dept03"], {p.pk: (None, "메모") for p in plan_programmes(dept03, 2021)})
    warned = services.report_submit(report_id=warned.pk, user=users["dept03"], expected_version=1, acknowledged=True)
    result = services.report_bulk_approve(report_ids=[r.pk for r in clean] + [warned.pk, 999999], user=users["lead"])
    assert {r.pk for r in result.approved} == {r.pk for r in clean}
    assert [pk for pk, _ in result.refused] == [warned.pk, 999999]
    warned.refresh_from_db()
    assert warned.status == "submitted"


def test_saving_without_a_change_leaves_no_trace(dept03, users):
    report = save(dept03, users["dept03"], figures_for(dept03, 500))
    before = report.history.count()
    again = save(dept03, users["dept03"], figures_for(dept03, 500), version=report.version)
    assert (again.version, again.history.count()) == (report.version, before)


def test_a_long_reason_is_kept_whole_in_the_history(dept03, users):
    """A return reason of 1,000 characters (the form's limit) with its "반려: " prefix was longer than the history's
    100-character column: PostgreSQL refused it with a server error. The history keeps every reason whole."""
    report = submitted(dept03, users)
    reason = "인원 확인 " * 200  # 1,000 characters
    report = services.report_return(
        report_id=report.pk, user=users["lead"], expected_version=report.version, reason=reason.strip()
    )
    assert report.history.first().history_change_reason == "반려: " + reason.strip()


@pytest.mark.parametrize(
    ("jobs", "comment", "field"), [(MAX_JOBS + 1, "", "jobs"), (-1, "", "jobs"), (5, "가" * 501, "comment")]
)
def test_a_figure_or_comment_out_of_bounds_is_refused_and_nothing_saved(dept03, users, jobs, comment, field):
    """The service checks every line by the model's own field rules, even when a caller (the import) checked
    first: a first save and a save that changes a line both refuse a wrong value and save nothing."""
    programme = plan_programmes(dept03, 2021).get()
    with pytest.raises(ValidationError) as refused:
        save(dept03, users["dept03"], {programme.pk: (jobs, comment)})
    assert field in refused.value.message_dict
    assert not QuarterlyReport.objects.filter(department=dept03, year=YEAR, quarter=QUARTER).exists()
    report = save(dept03, users["dept03"], {programme.pk: (3, "")})
    with pytest.raises(ValidationError) as refused:
        save(dept03, users["dept03"], {programme.pk: (jobs, comment)}, version=report.version)
    assert field in refused.value.message_dict
    assert report.lines.get().jobs == 3
