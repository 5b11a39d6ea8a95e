"""기준일, one definition for every official document: the date of the latest change to the data the document shows
(issue #13). Every recorded change of the demo data is first dated BASE; a test then makes one change and checks
which documents' 기준일 move to it and which stay."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from budget.models import Allocation, BudgetLine
from documents.budget_report import budget_report
from documents.card import pledge_card
from documents.provenance import document_provenance
from documents.quarterly import quarterly_report
from performance.models import AnnualTarget, FuturePlanItem, Pledge, ProgressEntry, QuarterlyReport
from tests.factories import DepartmentFactory, QuarterlyReportFactory

BASE = datetime.datetime(2021, 7, 10, 9, 0, tzinfo=ZoneInfo("Asia/Seoul"))
RECORDED = (QuarterlyReport, AnnualTarget, Allocation, BudgetLine, Pledge, ProgressEntry, FuturePlanItem)
DOCUMENTS = ("card 2019", "card 2021", "report 2021 Q2", "report 2021 Q3", "budget report")


@pytest.fixture
def pledge(card_data):
    for model in RECORDED:
        model.history.update(history_date=BASE)  # the historical rows only: the data itself is untouched
    return card_data


def as_of_of_every_document(pledge) -> dict[str, datetime.datetime | None]:
    return {
        "card 2019": pledge_card(pledge, 2019).as_of,
        "card 2021": pledge_card(pledge, 2021).as_of,
        "report 2021 Q2": quarterly_report(pledge, 2021, 2).as_of,
        "report 2021 Q3": quarterly_report(pledge, 2021, 3).as_of,
        "budget report": budget_report(pledge).as_of,
    }


def moved_to(moment, *documents) -> dict:
    return {name: moment if name in documents else BASE for name in DOCUMENTS}


def newest(model) -> datetime.datetime:
    return model.history.order_by("-history_id").first().history_date


def test_before_any_change_every_document_is_of_the_same_day(pledge):
    assert as_of_of_every_document(pledge) == moved_to(None)


def test_an_approval_moves_the_documents_that_show_its_quarter(pledge):
    """Today the card shows the latest approval of any year: an approval of 2021 Q3 moved the 2019 card too."""
    QuarterlyReportFactory(department=pledge.lead_department, year=2021, quarter=3)
    assert as_of_of_every_document(pledge) == moved_to(newest(QuarterlyReport), "card 2021", "report 2021 Q3")


def test_a_draft_or_a_returned_submission_moves_only_the_report_that_lists_its_state(pledge):
    report = QuarterlyReportFactory(department=pledge.lead_department, year=2021, quarter=3, status="draft")
    assert as_of_of_every_document(pledge) == moved_to(newest(QuarterlyReport), "report 2021 Q3")
    for status in ("submitted", "returned"):
        report.status = status
        report.save()
        assert as_of_of_every_document(pledge) == moved_to(newest(QuarterlyReport), "report 2021 Q3")


def test_a_reopened_approval_moves_every_document_that_counted_it(pledge):
    report = QuarterlyReport.objects.get(department=pledge.lead_department, year=2019, quarter=4)
    report.status = "returned"
    report.save()
    changed = newest(QuarterlyReport)
    assert as_of_of_every_document(pledge) == moved_to(
        changed, "card 2019", "card 2021", "report 2021 Q2", "report 2021 Q3"
    )


def test_a_budget_change_moves_the_card_and_the_budget_report(pledge):
    allocation = Allocation.objects.get(budget_line__pledge=pledge, year=2019, source="national")
    allocation.secured = 12300
    allocation.save()
    assert as_of_of_every_document(pledge) == moved_to(newest(Allocation), "card 2019", "card 2021", "budget report")


def test_a_target_change_moves_the_card_and_the_quarterly_reports(pledge):
    target = AnnualTarget.objects.get(pledge=pledge, year=2022, target_group=None)
    target.jobs = 11000
    target.save()
    changed = newest(AnnualTarget)
    assert as_of_of_every_document(pledge) == moved_to(
        changed, "card 2019", "card 2021", "report 2021 Q2", "report 2021 Q3"
    )


def test_the_cards_own_text_moves_the_card_only(pledge):
    ProgressEntry.objects.create(pledge=pledge, year=2021, month=8, text="일자리 박람회 개최")
    assert as_of_of_every_document(pledge) == moved_to(newest(ProgressEntry), "card 2019", "card 2021")


def test_a_document_with_nothing_recorded_has_no_date(pledge):
    """No report of 2017 or before: the PDFs print "기준일: —", the xlsx "—"."""
    assert document_provenance(pledge, results_through=(2017, 4), states_of=(2017, 4)).as_of is None


def test_the_plan_documents_move_with_an_approval_of_their_year_and_not_with_a_draft(card_data):
    """The results notice's 기준일 follows the same rule as the pledge's documents (documents/provenance.py
    MOVED_APPROVED_FIGURES): a report of the plan's year leaving the approved state moves it; a draft of that year, or
    a reopening of another year, does not."""
    from documents.plan_parts import plan_provenance
    from indicators.models import IndicatorResult, IndicatorTarget
    from performance.models import EvaluationReport, Programme, ProgrammeBudget, Strategy, Task, YearPlan

    for model in (*RECORDED, YearPlan, Programme, ProgrammeBudget, Strategy, Task, IndicatorTarget, IndicatorResult):
        model.history.update(history_date=BASE)
    EvaluationReport.history.update(history_date=BASE)
    government = card_data.local_government
    plan = YearPlan.objects.get(local_government=government, year=2025)

    def as_of():
        return plan_provenance(plan, results=True).as_of

    assert as_of() == BASE
    QuarterlyReportFactory(
        department=DepartmentFactory(local_government=government), year=2025, quarter=4, status="draft"
    )
    assert as_of() == BASE
    other_year = QuarterlyReport.objects.filter(
        department__local_government=government, year=2024, status="approved"
    ).first()
    other_year.status = "returned"
    other_year.save()
    assert as_of() == BASE
    report = QuarterlyReport.objects.filter(
        department__local_government=government, year=2025, status="approved"
    ).first()
    report.status = "returned"
    report.save()
    assert as_of() == newest(QuarterlyReport)
