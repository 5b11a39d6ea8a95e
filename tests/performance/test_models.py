"""Uniqueness and ranges that the database itself enforces."""

import pytest
from django.db import IntegrityError, transaction

from performance.models import AnnualTarget, QuarterlyReport, TargetGroup
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


def test_one_target_per_group():
    target = AnnualTargetFactory()
    group = TargetGroupFactory(local_government=target.pledge.local_government)
    AnnualTarget.objects.create(pledge=target.pledge, year=2019, target_group=group, jobs=5)
    refused(lambda: AnnualTarget.objects.create(pledge=target.pledge, year=2019, target_group=group, jobs=6))


def test_a_programme_has_one_row_per_year_and_one_lineage_row_per_plan():
    programme = ProgrammeFactory()
    refused(
        lambda: ProgrammeFactory(
            department=programme.department, year_plan=programme.year_plan, name="다른 이름", lineage=programme.lineage
        )
    )
    refused(
        lambda: ProgrammeFactory(department=programme.department, year_plan=programme.year_plan, name=programme.name)
    )
    next_year = ProgrammeFactory(
        department=programme.department, year=2020, name=programme.name, lineage=programme.lineage
    )
    assert next_year.lineage == programme.lineage and next_year.year == 2020


def test_target_group_names_are_unique_within_a_local_government():
    group = TargetGroupFactory()
    refused(lambda: TargetGroup.objects.create(local_government=group.local_government, name=group.name))
    other = TargetGroupFactory(local_government__name="다른구", name=group.name)
    assert other.pk != group.pk


def test_department_names_are_unique_within_a_local_government():
    department = DepartmentFactory(name="같은과")
    refused(lambda: DepartmentFactory(name="같은과", local_government=department.local_government))
    DepartmentFactory(name="같은과", local_government__name="다른구")


def test_figure_changes_are_kept_in_history():
    line = QuarterlyReportLineFactory(jobs=10)
    line.jobs = 12
    line.save()
    assert [h.jobs for h in line.history.order_by("history_date")] == [10, 12]
