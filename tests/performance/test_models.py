"""Uniqueness and ranges that the database itself enforces."""

import pytest
from django.db import IntegrityError, transaction

from performance.models import AnnualTarget, QuarterlyReport
from tests.factories import (
    AnnualTargetFactory,
    DepartmentFactory,
    ProgrammeFactory,
    QuarterlyReportFactory,
    QuarterlyReportLineFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_report_per_department_year_and_quarter():
    report = QuarterlyReportFactory()
    refused(lambda: QuarterlyReport.objects.create(department=report.department, year=2019, quarter=1))
    QuarterlyReport.objects.create(department=report.department, year=2019, quarter=2)


def test_quarter_must_be_one_to_four():
    refused(lambda: QuarterlyReportFactory(quarter=5))
    refused(lambda: QuarterlyReportFactory(quarter=0))


def test_one_line_per_programme_in_a_report():
    line = QuarterlyReportLineFactory()
    refused(lambda: QuarterlyReportLineFactory(report=line.report, programme=line.programme))


def test_one_total_target_per_pledge_and_year():
    target = AnnualTargetFactory()
    refused(lambda: AnnualTarget.objects.create(pledge=target.pledge, year=target.year, jobs=1))
    AnnualTarget.objects.create(pledge=target.pledge, year=target.year + 1, jobs=1)


def test_one_target_per_group_and_per_programme():
    target = AnnualTargetFactory()
    group = TargetGroupFactory()
    AnnualTarget.objects.create(pledge=target.pledge, year=2019, target_group=group, jobs=5)
    refused(lambda: AnnualTarget.objects.create(pledge=target.pledge, year=2019, target_group=group, jobs=6))
    programme = ProgrammeFactory()
    AnnualTarget.objects.create(pledge=target.pledge, year=2019, programme=programme, jobs=5)
    refused(lambda: AnnualTarget.objects.create(pledge=target.pledge, year=2019, programme=programme, jobs=6))


def test_a_target_is_for_a_group_or_a_programme_not_both():
    target = AnnualTargetFactory()
    refused(
        lambda: AnnualTarget.objects.create(
            pledge=target.pledge, year=2020, target_group=TargetGroupFactory(), programme=ProgrammeFactory(), jobs=1
        )
    )


def test_department_names_are_unique_within_a_local_government():
    department = DepartmentFactory(name="같은과")
    refused(lambda: DepartmentFactory(name="같은과", local_government=department.local_government))
    DepartmentFactory(name="같은과", local_government__name="다른구")


def test_figure_changes_are_kept_in_history():
    line = QuarterlyReportLineFactory(jobs=10)
    line.jobs = 12
    line.save()
    assert [h.jobs for h in line.history.order_by("history_date")] == [10, 12]
