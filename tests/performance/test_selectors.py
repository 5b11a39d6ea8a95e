from decimal import Decimal

import pytest

from performance import selectors
from performance.models import QuarterlyReport
from tests.factories import AnnualTargetFactory, PledgeFactory, ProgrammeFactory, QuarterlyReportLineFactory
from tests.results import approved_cumulative

CARD_PERIODS = [
    (2019, 1, 4469, "50.2"),
    (2019, 2, 6655, "74.8"),
    (2019, 3, 8076, "90.7"),
    (2019, 4, 10349, "116.3"),
    (2020, 1, 6197, "59.0"),
    (2020, 2, 7875, "75.0"),
    (2020, 3, 9612, "91.5"),
    (2020, 4, 10814, "103.0"),
    (2021, 2, 7342, "68.0"),
]


def test_card_periods_from_the_stored_quarterly_lines(card_data):
    """Every cumulative figure and rate on the card comes out of the departments' approved lines."""
    periods = selectors.period_results(card_data)
    assert [(p.year, p.quarter, p.cumulative, str(p.rate)) for p in periods] == CARD_PERIODS


@pytest.mark.parametrize(("year", "quarter", "cumulative", "_rate"), CARD_PERIODS)
def test_cumulative_result_through_a_quarter(card_data, year, quarter, cumulative, _rate):
    assert approved_cumulative(card_data, year, quarter) == cumulative


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_only_approved_reports_count(status):
    pledge = PledgeFactory()
    AnnualTargetFactory(pledge=pledge, year=2019, jobs=1000)
    programme = ProgrammeFactory(department__local_government=pledge.local_government, pledges=[pledge])
    QuarterlyReportLineFactory(report__department=programme.department, programme=programme, jobs=300)
    other = ProgrammeFactory(department__local_government=pledge.local_government, pledges=[pledge])
    QuarterlyReportLineFactory(report__department=other.department, report__status=status, programme=other, jobs=99)

    assert approved_cumulative(pledge, 2019, 4) == 300
    [period] = selectors.period_results(pledge)
    assert (period.cumulative, period.rate) == (300, Decimal("30.0"))


@pytest.mark.django_db
def test_results_of_another_local_government_do_not_count():
    pledge = PledgeFactory()
    elsewhere = ProgrammeFactory(department__local_government__name="다른구")
    QuarterlyReportLineFactory(report__department=elsewhere.department, programme=elsewhere, jobs=50)
    assert approved_cumulative(pledge, 2019, 4) == 0
    assert selectors.period_results(pledge) == []


@pytest.mark.django_db
def test_a_year_without_target_has_no_rate():
    pledge = PledgeFactory()
    programme = ProgrammeFactory(department__local_government=pledge.local_government, pledges=[pledge], year=2030)
    QuarterlyReportLineFactory(report__department=programme.department, programme=programme, report__year=2030)
    [period] = selectors.period_results(pledge)
    assert period.target is None and period.rate is None


@pytest.mark.django_db
def test_a_pledges_results_are_those_of_its_own_programmes_only():
    """Two pledges of one government that share no 세부사업 never share a result; a 세부사업 linked to both
    counts in both."""
    first = PledgeFactory()
    second = PledgeFactory(local_government=first.local_government)
    government = first.local_government
    only_first = ProgrammeFactory(department__local_government=government, pledges=[first])
    only_second = ProgrammeFactory(department__local_government=government, pledges=[second])
    shared = ProgrammeFactory(department__local_government=government, pledges=[first, second])
    unlinked = ProgrammeFactory(department__local_government=government)
    for programme, jobs in ((only_first, 100), (only_second, 20), (shared, 3), (unlinked, 4000)):
        QuarterlyReportLineFactory(report__department=programme.department, programme=programme, jobs=jobs)

    assert approved_cumulative(first, 2019, 4) == 100 + 3
    assert approved_cumulative(second, 2019, 4) == 20 + 3


@pytest.mark.django_db
def test_a_departments_row_counts_only_the_pledges_programmes_of_that_department():
    """A department runs a 세부사업 of the pledge and another one outside it (one report, two lines): the pledge's
    department table counts the first only (it counted the department's whole report: 일자리-1's 일자리창출과 showed
    5,066 against a pledge total of 1,134)."""
    from performance.achievement import department_achievement

    pledge = PledgeFactory()
    linked = ProgrammeFactory(department__local_government=pledge.local_government, pledges=[pledge], jobs_target=50)
    outside = ProgrammeFactory(department=linked.department, year_plan=linked.year_plan)
    line = QuarterlyReportLineFactory(report__department=linked.department, programme=linked, jobs=30)
    QuarterlyReportLineFactory(report=line.report, programme=outside, jobs=4000)

    [row] = department_achievement(pledge, 2019, None)
    assert (row.cumulative, row.target) == (30, 50)


def test_2021_group_split_adds_up_to_the_year_target(card_data):
    split = {t.target_group.name: t.jobs for t in selectors.group_targets(card_data, 2021)}
    assert split == {"청년층": 434, "중·장년층": 771, "노년층": 2874, "취약계층": 1797, "민간": 4924}
    assert sum(split.values()) == selectors.annual_targets(card_data)[2021] == 10800


def test_annual_targets_of_the_card(card_data):
    assert selectors.annual_targets(card_data) == {2018: 8800, 2019: 8900, 2020: 10500, 2021: 10800, 2022: 10800}


def test_programme_targets_where_known(card_data):
    assert selectors.programme_targets(card_data, 2021) == {"공공근로": 724, "자활근로": 370, "일자리센터 운영": 2544}


def test_the_demo_reports_are_approved_and_per_department(card_data):
    reports = QuarterlyReport.objects.filter(year=2019, quarter=1)
    assert reports.count() == 22
    assert set(reports.values_list("status", flat=True)) == {"approved"}
