"""The move into the yearly plan (performance 0005–0007), forward from a database built by the earlier migrations
and filled with data the way the product stored it before: no row is lost and every figure stays the same."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("performance", "0004_results_revision")]
WHEN = datetime.datetime(2020, 5, 1, 9, 0, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def fill(apps) -> dict:
    """Two governments sharing one global 대상, a pledge each, programmes with lines in two years, a programme's
    target with its history, as the product wrote them before the plan existed."""
    get = apps.get_model
    user = get("auth", "User").objects.create(username="migration-lead")
    governments = [
        get("performance", "LocalGovernment").objects.create(name=name, code=code)
        for name, code in (("갑구", "1110000"), ("을구", "1120000"))
    ]
    youth = get("performance", "TargetGroup").objects.create(name="청년층", sort_order=1)
    elderly = get("performance", "TargetGroup").objects.create(name="노년층", sort_order=2)
    made = {"governments": [g.pk for g in governments]}
    for number, government in enumerate(governments):
        department = get("performance", "Department").objects.create(
            local_government=government, name="일자리과", code="dept01", is_lead=True
        )
        pledge = get("performance", "Pledge").objects.create(
            local_government=government,
            code="공약-1",
            title="일자리",
            status="on_track",
            implementation_rate=50,
            completion_due="임기내",
            project_type="계속",
            lead_department=department,
            plan_label="일자리",
            policy_goal="목표",
            strategies="전략",
        )
        target_model = get("performance", "AnnualTarget")
        target_model.objects.create(pledge=pledge, year=2019, jobs=1000 + number)
        target_model.objects.create(pledge=pledge, year=2020, jobs=1100 + number)
        target_model.objects.create(pledge=pledge, year=2019, target_group=youth, jobs=300)
        first = get("performance", "Programme").objects.create(
            department=department, target_group=youth, name="청년 일자리", programme_type="direct_jobs"
        )
        second = get("performance", "Programme").objects.create(
            department=department, target_group=elderly, name="노인 일자리", programme_type="training"
        )
        programme_target = target_model.objects.create(pledge=pledge, year=2020, programme=first, jobs=77)
        get("performance", "HistoricalAnnualTarget").objects.create(
            id=programme_target.pk,
            pledge_id=pledge.pk,
            year=2020,
            programme_id=first.pk,
            jobs=77,
            history_date=WHEN,
            history_type="+",
            history_user_id=user.pk,
            history_change_reason="추경",
        )
        for year, jobs in ((2019, (10, 20)), (2020, (30, 40))):
            report = get("performance", "QuarterlyReport").objects.create(
                department=department, year=year, quarter=1, status="approved"
            )
            for programme, figure in zip((first, second), jobs, strict=True):
                line = get("performance", "QuarterlyReportLine").objects.create(
                    report=report, programme=programme, jobs=figure + number
                )
                get("performance", "HistoricalQuarterlyReportLine").objects.create(
                    id=line.pk,
                    report_id=report.pk,
                    programme_id=programme.pk,
                    jobs=figure + number,
                    comment="",
                    history_date=WHEN,
                    history_type="+",
                )
        made[government.pk] = {"pledge": pledge.pk, "first": first.pk, "second": second.pk}
    made["user"] = user.pk
    return made


def totals_by_year(apps, government_id) -> dict[int, int]:
    lines = apps.get_model("performance", "QuarterlyReportLine").objects.filter(
        report__department__local_government_id=government_id, report__status="approved"
    )
    return {year: sum(lines.filter(report__year=year).values_list("jobs", flat=True)) for year in (2019, 2020)}


@pytest.mark.django_db(transaction=True)
def test_the_plan_migration_moves_every_row_and_keeps_every_figure():
    latest = latest_targets()
    call_command("flush", "--no-input", verbosity=0)  # the way back to 0004 has no data to carry
    try:
        old = migrate(BEFORE)
        made = fill(old)
        before_totals = {g: totals_by_year(old, g) for g in made["governments"]}
        line_count = old.get_model("performance", "QuarterlyReportLine").objects.count()
        history_count = old.get_model("performance", "HistoricalQuarterlyReportLine").objects.count()

        new = migrate(latest)
        get = new.get_model
        for government_id in made["governments"]:
            ids = made[government_id]
            pledge = get("performance", "Pledge").objects.get(pk=ids["pledge"])
            # every line sits on its 세부사업's row of its report's year, and the figures are unchanged
            assert totals_by_year(new, government_id) == before_totals[government_id]
            for line in get("performance", "QuarterlyReportLine").objects.filter(
                report__department__local_government_id=government_id
            ):
                assert line.programme.year_plan.year == line.report.year
                assert line.programme.year_plan.local_government_id == government_id
            # one lineage per former programme, with a row in each year's plan
            first_rows = get("performance", "Programme").objects.filter(lineage__programmes__pk=ids["first"])
            assert sorted(first_rows.values_list("year_plan__year", flat=True)) == [2019, 2020]
            assert {row.name for row in first_rows} == {"청년 일자리"}
            assert set(first_rows.values_list("programme_type__name", flat=True)) == {"직접일자리"}
            # the programme's target moved to its 2020 row, with who, when and why
            row_2020 = first_rows.get(year_plan__year=2020)
            assert row_2020.jobs_target == 77
            assert first_rows.get(year_plan__year=2019).jobs_target is None
            record = get("performance", "HistoricalProgramme").objects.get(id=row_2020.pk)
            assert (record.jobs_target, record.history_user_id, record.history_change_reason) == (
                77,
                made["user"],
                "추경",
            )
            # the pledge keeps its own targets and links every row, so it shows what it showed before
            targets = get("performance", "AnnualTarget").objects.filter(pledge=pledge)
            assert sorted((t.year, t.target_group.name if t.target_group else "", t.jobs) for t in targets) == [
                (2019, "", 1000 + made["governments"].index(government_id)),
                (2019, "청년층", 300),
                (2020, "", 1100 + made["governments"].index(government_id)),
            ]
            assert get("performance", "PledgeProgramme").objects.filter(pledge=pledge).count() == 4
            plans = get("performance", "YearPlan").objects.filter(local_government_id=government_id)
            assert sorted(plans.values_list("year", flat=True)) == [2019, 2020]
            # each government has its own 대상 list
            groups = get("performance", "TargetGroup").objects.filter(local_government_id=government_id)
            assert sorted(groups.values_list("name", flat=True)) == ["노년층", "청년층"]
        assert get("performance", "QuarterlyReportLine").objects.count() == line_count
        assert get("performance", "HistoricalQuarterlyReportLine").objects.count() == history_count
        for record in get("performance", "HistoricalQuarterlyReportLine").objects.all():
            line = get("performance", "QuarterlyReportLine").objects.get(pk=record.id)
            assert record.programme_id == line.programme_id  # the history follows the line to its year's row
    finally:
        migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_the_funding_sources_migration_keeps_every_government_on_its_sources_and_its_deadlines():
    """0018: every government there was keeps 국비·시비·구비 in that order, and the install's deadlines become its
    government's."""
    latest = latest_targets()
    call_command("flush", "--no-input", verbosity=0)
    try:
        old = migrate([("performance", "0017_report_pending_index")])
        government_model = old.get_model("performance", "LocalGovernment")
        first = government_model.objects.create(name="갑구", code="1110000")
        second = government_model.objects.create(name="을구", code="1120000")
        old.get_model("performance", "ReportingDeadline").objects.create(
            year=2021, quarter=3, due_date=datetime.date(2021, 10, 20)
        )

        new = migrate(latest)
        sources = new.get_model("performance", "GovernmentFundingSource").objects.order_by("sort_order")
        for government in (first, second):
            chosen = sources.filter(local_government_id=government.pk).values_list("source", flat=True)
            assert list(chosen) == ["national", "city", "district"]
        [deadline] = new.get_model("performance", "ReportingDeadline").objects.all()
        assert (deadline.local_government_id, deadline.due_date) == (first.pk, datetime.date(2021, 10, 20))
    finally:
        migrate(latest)
