"""DEMO: the 민선8기 term (2023–2026) of 금천구 from fixtures/demo_term8.json — yearly plans with about a hundred
세부사업, three more job pledges linked to some of them, and quarterly reports through 2026 Q3 (a few pending).

Like the rest of the seed it only creates what is missing and never changes an existing row. The many rows (세부사업,
reports, lines, links) are created in bulk with their history (`bulk_create_with_history`), so that the whole
seed stays fast; the revision is bumped once at the end, since bulk creation sends no signal.
"""

import datetime
import json
from collections import defaultdict

from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from budget.models import Allocation, BudgetLine
from performance.evaluation_services import evaluation_of, evaluation_save
from performance.models import (
    EVALUATION_SECTIONS,
    AnnualTarget,
    Department,
    FuturePlanItem,
    LocalGovernment,
    Membership,
    Pledge,
    PledgeAuthor,
    PledgeProgramme,
    Programme,
    ProgrammeBudget,
    ProgrammeLineage,
    ProgrammeType,
    ProgressEntry,
    QuarterlyReport,
    QuarterlyReportLine,
    Strategy,
    TargetGroup,
    Task,
    YearPlan,
)
from performance.revision import revision_bump

from .seed import FIXTURES, SEOUL, get_or_create_counted, report_date, seed_term

TERM_FILE = FIXTURES / "demo_term8.json"
REASON = "시연용 자료"  # the change reason of every history row the demo term creates
PENDING_PERIOD = (2026, 3)  # the last ended quarter (today is 2026-11-27): some reports still pending
APPROVED = QuarterlyReport.Status.APPROVED


def load() -> dict:
    return json.loads(TERM_FILE.read_text(encoding="utf-8"))


def seed_demo_term(government: LocalGovernment, reviewer, counter: list[int]) -> None:
    """Load the demo 민선8기 term; `reviewer` (the `lead` account, or None) approves and returns its reports."""
    data = load()
    before = counter[0]
    start = TargetGroup.objects.filter(local_government=government).aggregate(last=Max("sort_order"))["last"] or 0
    for order, name in enumerate(data["target_groups"], start=start + 1):
        get_or_create_counted(
            TargetGroup, counter, local_government=government, name=name, defaults={"sort_order": order}
        )
    published = {year: plan["published_on"] for year, plan in data["plans"].items()}
    term = seed_term(government, {**data["term"], "is_demo": True, "published_on": published}, counter)
    plans = {plan.year: plan for plan in YearPlan.objects.filter(local_government=government, term=term)}
    rows, created = _seed_programmes(government, data["plans"], plans, counter)
    _seed_pledges(government, data["pledges"], rows, created, counter)
    _seed_reports(data, rows, reviewer, counter)
    _seed_evaluations(data.get("evaluations", {}), plans, reviewer, counter)
    if counter[0] > before:
        revision_bump(government)  # bulk creation sends no signal


def _seed_evaluations(evaluations: dict, plans: dict[int, YearPlan], reviewer, counter) -> None:
    """The results report's written sections of the years that are over, written by `reviewer` through the same
    service as the page (so each has its history); a year whose report exists already is left as it is."""
    if reviewer is None:
        return
    for year, texts in evaluations.items():
        plan = plans.get(int(year))
        if plan is None or evaluation_of(plan) is not None:
            continue
        sections = {field: texts.get(field, "") for field in EVALUATION_SECTIONS}
        evidence = [(title, reference) for title, reference in texts.get("evidence", [])]
        evaluation_save(user=reviewer, year_plan=plan, version=0, sections=sections, evidence=evidence)
        counter[0] += 1 + len(evidence)


def _seed_programmes(government, plans_data: dict, plans: dict[int, YearPlan], counter):
    """Strategies, tasks and 세부사업 of each year's plan; returns every demo row by (year, lineage key) and the
    set of those created now."""
    groups = {group.name: group for group in TargetGroup.objects.filter(local_government=government)}
    types = {kind.name: kind for kind in ProgrammeType.objects.filter(local_government=government)}
    departments = {department.code: department for department in Department.objects.filter(local_government=government)}
    existing = {
        (programme.year_plan.year, programme.department_id, programme.name): programme
        for programme in Programme.objects.filter(year_plan__in=plans.values()).select_related("year_plan")
    }
    taken = {(programme.year_plan.year, programme.lineage_id) for programme in existing.values()}
    with_budget = set(
        ProgrammeBudget.objects.filter(programme__year_plan__in=plans.values()).values_list("programme", flat=True)
    )
    # Each lineage key's rows across the years, with the task each row sits under.
    by_key: dict[str, dict[int, tuple[dict, Task]]] = defaultdict(dict)
    for year_text, plan_data in plans_data.items():
        year = int(year_text)
        if year not in plans:
            continue  # that year's plan belongs to another term: leave it as it is
        for s_order, strategy_data in enumerate(plan_data["strategies"], start=1):
            strategy = get_or_create_counted(
                Strategy, counter, year_plan=plans[year], name=strategy_data["name"], defaults={"sort_order": s_order}
            )
            for t_order, task_data in enumerate(strategy_data["tasks"], start=1):
                task = get_or_create_counted(
                    Task, counter, strategy=strategy, name=task_data["name"], defaults={"sort_order": t_order}
                )
                for row in task_data["programmes"]:
                    by_key[row["lineage"]][year] = (row, task)
    rows, new, budgets = {}, defaultdict(list), defaultdict(list)
    for order, (key, years) in enumerate(sorted(by_key.items()), start=1):
        found = [
            existing.get((year, departments[row["department"]].pk, row["name"])) for year, (row, _) in years.items()
        ]
        lineage_id = next((programme.lineage_id for programme in found if programme), None)
        if lineage_id is None:
            first = years[min(years)][0]["name"]
            lineage_id = _new_lineage(government, first, counter)
        for year, (row, task) in years.items():
            department = departments[row["department"]]
            programme = existing.get((year, department.pk, row["name"]))
            if programme is None and (year, lineage_id) in taken:
                continue  # moved or renamed since: the row is someone's now
            if programme is not None:
                rows[year, key] = programme
                if programme.pk not in with_budget:  # seeded before budgets were part of the plan
                    budgets[year].append((programme, row.get("budget", {})))
                continue
            programme = Programme(
                year_plan=plans[year],
                lineage_id=lineage_id,
                task=task,
                department=department,
                target_group=groups[row["group"]],
                programme_type=types[row["type"]],
                name=row["name"],
                jobs_target=row["target"],
                sort_order=order,
            )
            rows[year, key] = programme
            new[year].append(programme)
            budgets[year].append((programme, row.get("budget", {})))
    for year in plans:
        when = datetime.datetime.combine(plans[year].published_on or datetime.date(year, 3, 31), datetime.time(9))
        when = when.replace(tzinfo=SEOUL)
        bulk_create_with_history(new[year], Programme, default_change_reason=REASON, default_date=when)
        counter[0] += len(new[year])
        amounts = [
            ProgrammeBudget(programme=programme, source=source, secured=secured, executed=executed)
            for programme, budget in budgets[year]
            for source, (secured, executed) in budget.items()
        ]
        bulk_create_with_history(amounts, ProgrammeBudget, default_change_reason=REASON, default_date=when)
        counter[0] += len(amounts)
    return rows, {programme.pk for programmes in new.values() for programme in programmes}


def _new_lineage(government, name: str, counter) -> int:
    """A new lineage: one per demo 세부사업 (the 민선7기 rows keep theirs, even under the same name)."""
    counter[0] += 1
    return ProgrammeLineage.objects.create(local_government=government, name=name).pk


def _seed_pledges(government, pledges_data: list[dict], rows: dict, created: set[int], counter) -> None:
    """DEMO pledges with their card's header and text, yearly targets, budget and links to 세부사업: a link is made
    with the pledge or with the 세부사업 row, never again after someone removed it."""
    lead = Department.objects.get(local_government=government, is_lead=True)
    groups = {group.name: group for group in TargetGroup.objects.filter(local_government=government)}
    links = []
    for data in pledges_data:
        header = {
            key: data[key]
            for key in (
                "title",
                "status",
                "implementation_rate",
                "completion_due",
                "completion_year",
                "project_type",
                "plan_label",
                "policy_goal",
                "collaboration_note",
                "central_counterpart",
                "city_counterpart",
            )
        }
        header |= {"strategies": "\n".join(data["strategies"]), "lead_department": lead}
        pledge, new_pledge = Pledge.objects.get_or_create(
            local_government=government, code=data["code"], defaults=header
        )
        counter[0] += new_pledge
        if new_pledge:
            for order, author in enumerate(data["authors"], start=1):
                get_or_create_counted(PledgeAuthor, counter, pledge=pledge, sort_order=order, defaults=author)
            for order, (year, month, text, *period) in enumerate(data["progress_entries"], start=1):
                result_year, result_quarter = period or (None, None)
                ProgressEntry.objects.create(
                    pledge=pledge,
                    year=year,
                    month=month,
                    text=text,
                    result_year=result_year,
                    result_quarter=result_quarter,
                    sort_order=order,
                )
            for order, (level, text) in enumerate(data["future_plan"], start=1):
                FuturePlanItem.objects.create(pledge=pledge, level=level, text=text, sort_order=order)
            counter[0] += len(data["progress_entries"]) + len(data["future_plan"])
        for year, jobs in data["annual_targets"].items():
            get_or_create_counted(
                AnnualTarget, counter, pledge=pledge, year=int(year), target_group=None, defaults={"jobs": jobs}
            )
        for year, by_group in data["group_targets"].items():
            for name, jobs in by_group.items():
                get_or_create_counted(
                    AnnualTarget,
                    counter,
                    pledge=pledge,
                    year=int(year),
                    target_group=groups[name],
                    defaults={"jobs": jobs},
                )
        line = get_or_create_counted(BudgetLine, counter, pledge=pledge, name=data["budget_line"])
        for source, years in data["allocations"].items():
            for year, (secured, executed) in years.items():
                get_or_create_counted(
                    Allocation,
                    counter,
                    budget_line=line,
                    year=int(year),
                    source=source,
                    defaults={"secured": secured, "executed": executed},
                )
        for year, keys in data["programmes"].items():
            for key in keys:
                programme = rows.get((int(year), key))
                if programme is not None and (new_pledge or programme.pk in created):
                    links.append(PledgeProgramme(pledge=pledge, programme=programme))
    bulk_create_with_history(links, PledgeProgramme, default_change_reason=REASON)
    counter[0] += len(links)


def _seed_reports(data: dict, rows: dict, reviewer, counter) -> None:
    """Each department's quarterly report with a line per 세부사업 of the year, approved by `reviewer` at
    `report_date`, except the 2026 Q3 reports the fixture leaves pending; a department's report that exists
    already (seeded before, or entered since) is left as it is."""
    results = {}  # (year, lineage key) -> jobs created in each quarter reported
    for year, plan_data in data["plans"].items():
        for strategy in plan_data["strategies"]:
            for task in strategy["tasks"]:
                for row in task["programmes"]:
                    results[int(year), row["lineage"]] = row["results"]
    by_department = defaultdict(list)  # (department id, year) -> [(programme, jobs by quarter)]
    for (year, key), programme in rows.items():
        by_department[programme.department_id, year].append((programme, results[year, key]))
    departments = Department.objects.in_bulk({department_id for department_id, _ in by_department})
    existing = set(
        QuarterlyReport.objects.filter(
            department__in=departments.values(), year__in={year for _, year in by_department}
        ).values_list("department_id", "year", "quarter")
    )
    staff = {m.department_id: m.user for m in Membership.objects.filter(department__in=departments.values())}
    periods = sorted({(year, quarter) for (year, _), jobs in results.items() for quarter in range(1, len(jobs) + 1)})
    for year, quarter in periods:
        when = report_date(year, quarter)
        reports, lines = [], []
        for (department_id, row_year), programme_rows in sorted(by_department.items()):
            if row_year != year or (department_id, year, quarter) in existing:
                continue
            department = departments[department_id]
            status = (
                _status(data["pending_2026_q3"], department.code) if (year, quarter) == PENDING_PERIOD else APPROVED
            )
            if status is None:
                continue  # no report at all
            report = _report(department, year, quarter, status, when, reviewer)
            report.submitted_by = staff.get(department_id)
            if status == QuarterlyReport.Status.RETURNED:
                report.review_reason = data["pending_2026_q3"]["returned"][department.code]
            reports.append(report)
            lines += [
                QuarterlyReportLine(report=report, programme=p, jobs=jobs[quarter - 1]) for p, jobs in programme_rows
            ]
        bulk_create_with_history(reports, QuarterlyReport, default_change_reason=REASON, default_date=when)
        for line in lines:
            line.report_id = line.report.pk  # the report got its key after the line was made
        bulk_create_with_history(lines, QuarterlyReportLine, default_change_reason=REASON, default_date=when)
        counter[0] += len(reports) + len(lines)


def _status(pending: dict, code: str):
    """The status of a department's report for the pending period; None: no report."""
    if code in pending["missing"]:
        return None
    if code in pending["returned"]:
        return QuarterlyReport.Status.RETURNED
    if code in pending["submitted"]:
        return QuarterlyReport.Status.SUBMITTED
    return APPROVED


def _report(department, year, quarter, status, when, reviewer) -> QuarterlyReport:
    """One report in `status`: approved and returned ones reviewed at `when`, all submitted three days before."""
    reviewed = status in (QuarterlyReport.Status.APPROVED, QuarterlyReport.Status.RETURNED)
    return QuarterlyReport(
        department=department,
        year=year,
        quarter=quarter,
        status=status,
        submitted_at=when - datetime.timedelta(days=3),
        reviewed_at=when if reviewed else None,
        reviewed_by=reviewer if reviewed else None,
    )
