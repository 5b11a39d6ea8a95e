"""Moves the data of one pledge's world into the yearly plan, without losing a row.

Before: programmes had no year, every approved line of a local government counted toward every pledge of it,
부문 was a fixed list in code, 대상 names were unique across the install and a programme's target was a row of a
pledge's targets. After, for each local government:

- its 부문 list (the ministry's types, plus any type its programmes used) and its own 대상 list (a group used by
  several governments is copied for each);
- one term plan spanning every year it has targets or reports, and one published yearly plan per such year;
- each programme becomes one lineage with a row in every yearly plan; each report line points at the row of its
  report's year, and the line's history follows it;
- a programme's target (a pledge's target row naming the programme) becomes the target of that year's row; its
  history becomes the row's history (who, when, the value, the reason);
- every pledge links every programme row of its government, so that each pledge shows exactly the figures it
  showed before (all of its government's approved lines).

The lists below are frozen here on purpose: a migration must not change when the application's code does.
"""

from django.db import migrations
from django.utils import timezone

MINISTRY_TYPES = ["직접일자리", "직업능력개발훈련", "고용서비스", "고용장려금", "창업지원", "일자리 인프라 구축"]
TYPE_NAMES = {
    "direct_jobs": "직접일자리",
    "training": "직업능력개발훈련",
    "employment_service": "고용서비스",
    "subsidy": "고용장려금",
    "startup": "창업지원",
    "income_support": "실업소득 유지·지원",
    "other": "일자리 인프라 구축",
}


def _types(apps, government) -> dict[str, object]:
    ProgrammeType = apps.get_model("performance", "ProgrammeType")
    Programme = apps.get_model("performance", "Programme")
    used = set(
        Programme.objects.filter(department__local_government=government).values_list("programme_type", flat=True)
    )
    names = list(MINISTRY_TYPES) + sorted({TYPE_NAMES.get(code, code) for code in used} - set(MINISTRY_TYPES))
    by_name = {}
    for order, name in enumerate(names, start=1):
        by_name[name], _ = ProgrammeType.objects.get_or_create(
            local_government=government, name=name, defaults={"sort_order": order}
        )
    return {code: by_name[TYPE_NAMES.get(code, code)] for code in used}


def _groups(apps) -> None:
    """Give each target group a government; a group used by several is copied for each of the others."""
    TargetGroup = apps.get_model("performance", "TargetGroup")
    Programme = apps.get_model("performance", "Programme")
    AnnualTarget = apps.get_model("performance", "AnnualTarget")
    FuturePlanItem = apps.get_model("performance", "FuturePlanItem")
    LocalGovernment = apps.get_model("performance", "LocalGovernment")
    first_government = LocalGovernment.objects.order_by("pk").first()
    for group in TargetGroup.objects.order_by("pk"):
        users = (
            set(Programme.objects.filter(target_group=group).values_list("department__local_government", flat=True))
            | set(AnnualTarget.objects.filter(target_group=group).values_list("pledge__local_government", flat=True))
            | set(FuturePlanItem.objects.filter(target_group=group).values_list("pledge__local_government", flat=True))
        )
        if not users:
            if first_government is None:
                group.delete()
                continue
            users = {first_government.pk}
        first, *others = sorted(users)
        group.local_government_id = first
        group.save(update_fields=["local_government"])
        for government_id in others:
            copy = TargetGroup.objects.create(
                local_government_id=government_id, name=group.name, sort_order=group.sort_order
            )
            Programme.objects.filter(target_group=group, department__local_government=government_id).update(
                target_group=copy
            )
            AnnualTarget.objects.filter(target_group=group, pledge__local_government=government_id).update(
                target_group=copy
            )
            FuturePlanItem.objects.filter(target_group=group, pledge__local_government=government_id).update(
                target_group=copy
            )


def _years(apps, government) -> set[int]:
    AnnualTarget = apps.get_model("performance", "AnnualTarget")
    QuarterlyReport = apps.get_model("performance", "QuarterlyReport")
    Programme = apps.get_model("performance", "Programme")
    years = set(AnnualTarget.objects.filter(pledge__local_government=government).values_list("year", flat=True))
    years |= set(QuarterlyReport.objects.filter(department__local_government=government).values_list("year", flat=True))
    if not years and Programme.objects.filter(department__local_government=government).exists():
        years = {timezone.localdate().year}
    return years


def _plans(apps, government, years: set[int]) -> dict[int, object]:
    TermPlan = apps.get_model("performance", "TermPlan")
    YearPlan = apps.get_model("performance", "YearPlan")
    first, last = min(years), max(years)
    term = TermPlan.objects.create(
        local_government=government, name=f"{first}–{last}년 일자리대책", first_year=first, last_year=last
    )
    return {
        year: YearPlan.objects.create(local_government=government, term=term, year=year, status="published")
        for year in sorted(years)
    }


def _move_programme(apps, programme, plans, types, lineage) -> dict[int, object]:
    """The programme's row for each plan year (the programme itself keeps the first year); its lines and their
    history move to the row of their report's year."""
    Programme = apps.get_model("performance", "Programme")
    QuarterlyReportLine = apps.get_model("performance", "QuarterlyReportLine")
    HistoricalLine = apps.get_model("performance", "HistoricalQuarterlyReportLine")
    QuarterlyReport = apps.get_model("performance", "QuarterlyReport")
    years = sorted(plans)
    programme.year_plan = plans[years[0]]
    programme.lineage = lineage
    programme.programme_type_ref = types[programme.programme_type]
    programme.save()
    rows = {years[0]: programme}
    for year in years[1:]:
        rows[year] = Programme.objects.create(
            year_plan=plans[year],
            lineage=lineage,
            department_id=programme.department_id,
            target_group_id=programme.target_group_id,
            programme_type=programme.programme_type,
            programme_type_ref=programme.programme_type_ref,
            name=programme.name,
            is_active=programme.is_active,
            sort_order=programme.sort_order,
        )
        reports = QuarterlyReport.objects.filter(year=year).values("pk")
        QuarterlyReportLine.objects.filter(programme=programme, report__in=reports).update(programme=rows[year])
        HistoricalLine.objects.filter(programme_id=programme.pk, report_id__in=reports).update(
            programme_id=rows[year].pk
        )
    return rows


def _move_targets(apps, programme, rows) -> None:
    """A programme's target rows become the target of its row of that year, with their history."""
    AnnualTarget = apps.get_model("performance", "AnnualTarget")
    HistoricalTarget = apps.get_model("performance", "HistoricalAnnualTarget")
    HistoricalProgramme = apps.get_model("performance", "HistoricalProgramme")
    for target in AnnualTarget.objects.filter(programme=programme).order_by("pk"):
        row = rows.get(target.year)
        if row is not None and row.jobs_target is None:
            row.jobs_target = target.jobs
            row.save(update_fields=["jobs_target"])
    history = HistoricalTarget.objects.filter(programme_id=programme.pk).order_by("history_date", "history_id")
    for entry in history:
        row = rows.get(entry.year)
        if row is None:
            continue
        HistoricalProgramme.objects.create(
            id=row.pk,
            year_plan_id=row.year_plan_id,
            lineage_id=row.lineage_id,
            department_id=row.department_id,
            target_group_id=row.target_group_id,
            programme_type=row.programme_type,
            programme_type_ref_id=row.programme_type_ref_id,
            name=row.name,
            jobs_target=None if entry.history_type == "-" else entry.jobs,
            is_active=row.is_active,
            sort_order=row.sort_order,
            history_date=entry.history_date,
            history_type="~",
            history_user_id=entry.history_user_id,
            history_change_reason=entry.history_change_reason,
        )
    history.delete()
    AnnualTarget.objects.filter(programme=programme).delete()


def forward(apps, schema_editor):
    LocalGovernment = apps.get_model("performance", "LocalGovernment")
    Programme = apps.get_model("performance", "Programme")
    ProgrammeLineage = apps.get_model("performance", "ProgrammeLineage")
    Pledge = apps.get_model("performance", "Pledge")
    PledgeProgramme = apps.get_model("performance", "PledgeProgramme")
    _groups(apps)
    for government in LocalGovernment.objects.order_by("pk"):
        years = _years(apps, government)
        if not years:
            continue
        types = _types(apps, government)
        plans = _plans(apps, government, years)
        rows = []
        for programme in Programme.objects.filter(department__local_government=government).order_by("pk"):
            lineage = ProgrammeLineage.objects.create(local_government=government, name=programme.name)
            by_year = _move_programme(apps, programme, plans, types, lineage)
            _move_targets(apps, programme, by_year)
            rows += by_year.values()
        for pledge in Pledge.objects.filter(local_government=government):
            PledgeProgramme.objects.bulk_create([PledgeProgramme(pledge=pledge, programme=row) for row in rows])


class Migration(migrations.Migration):
    dependencies = [("performance", "0005_plans_schema")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
