"""The job plan a bench needs, made in bulk: a local government with its 부문 (the ministry's list) and 대상
lists, its departments, one term plan (일자리대책 종합계획) over the bench's years with a published yearly plan
(연차별 세부계획) for each year, and the 세부사업: one lineage per department × programme, one Programme row per
year in that year's plan, each with its jobs target and, when a pledge is given, its PledgeProgramme link.

Results can only be saved for a quarter that has ended, in a year with a yearly plan of the department's
government (`performance.plans.period_refusal`), so a bench uses past years (e.g. 2016–2025) and makes a yearly
plan for each year it reports in.

Rows are written with `bulk_create` and without history rows: a bench measures reading and saving results, not
how its own data was made. Import this only after `setup_django` (bench/_scratch.py).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from performance.models import (
    Department,
    LocalGovernment,
    Pledge,
    PledgeProgramme,
    PledgeStatus,
    Programme,
    ProgrammeLineage,
    ProgrammeType,
    TargetGroup,
    TermPlan,
    YearPlan,
)
from performance.plans import MINISTRY_PROGRAMME_TYPES

GROUPS = ("청년층", "중·장년층", "노년층", "취약계층", "민간")
BATCH = 5000


@dataclass(frozen=True)
class BenchPlan:
    government: LocalGovernment
    departments: list[Department]  # the first is the lead department
    types: list[ProgrammeType]
    groups: list[TargetGroup]
    term: TermPlan
    year_plans: dict[int, YearPlan]

    @property
    def years(self) -> list[int]:
        return sorted(self.year_plans)


def make_plan(
    *,
    departments: int,
    years: Iterable[int],
    groups: Sequence[str] = GROUPS,
    name: str = "벤치구",
    code: str = "0000000",
) -> BenchPlan:
    """A government with `departments` departments (codes b000, b001, …; the first the lead department), the
    ministry's 부문, the 대상 `groups`, a term plan over `years` and a published yearly plan for every year."""
    years = sorted(set(years))
    government = LocalGovernment.objects.create(name=name, code=code)
    types = ProgrammeType.objects.bulk_create(
        ProgrammeType(local_government=government, name=type_name, sort_order=order)
        for order, type_name in enumerate(MINISTRY_PROGRAMME_TYPES)
    )
    target_groups = TargetGroup.objects.bulk_create(
        TargetGroup(local_government=government, name=group_name, sort_order=order)
        for order, group_name in enumerate(groups)
    )
    made = Department.objects.bulk_create(
        Department(local_government=government, name=f"부서{i:03d}", code=f"b{i:03d}", is_lead=i == 0, sort_order=i)
        for i in range(departments)
    )
    term = TermPlan.objects.create(
        local_government=government, name="벤치 종합계획", first_year=years[0], last_year=years[-1]
    )
    year_plans = YearPlan.objects.bulk_create(
        YearPlan(
            local_government=government,
            term=term,
            year=year,
            status=YearPlan.Status.PUBLISHED,
            published_on=datetime.date(year, 1, 31),
        )
        for year in years
    )
    return BenchPlan(government, made, types, target_groups, term, {plan.year: plan for plan in year_plans})


def make_pledge(plan: BenchPlan, code: str = "벤치-1") -> Pledge:
    return Pledge.objects.create(
        local_government=plan.government,
        code=code,
        title="벤치 공약",
        status=PledgeStatus.ON_TRACK,
        implementation_rate=50,
        completion_due="임기내",
        project_type="계속",
        lead_department=plan.departments[0],
        plan_label="일자리창출",
        policy_goal="목표",
        strategies="전략",
    )


def make_programmes(
    plan: BenchPlan,
    per_department: int,
    *,
    years: Iterable[int] | None = None,
    pledge: Pledge | None = None,
    jobs_target: Callable[[int, int, int], int | None] = lambda department, programme, year: 12,
) -> int:
    """`per_department` 세부사업 for every department (named 사업000, 사업001, …), each one lineage with a row in
    the plan of every year in `years` (all the plan's years by default), its 대상 and 부문 spread over the lists,
    its target `jobs_target(department index, programme index, year)` (None: no target) and, with a `pledge`,
    linked to it. Written a year at a time, so that memory holds one year's rows. Returns the rows made."""
    departments = plan.departments
    lineages = ProgrammeLineage.objects.bulk_create(
        (
            ProgrammeLineage(local_government=plan.government, name=f"{department.code} 사업{j:03d}")
            for department in departments
            for j in range(per_department)
        ),
        batch_size=BATCH,
    )
    made = 0
    for year in sorted(plan.year_plans if years is None else years):
        rows = Programme.objects.bulk_create(
            (
                Programme(
                    year_plan=plan.year_plans[year],
                    lineage=lineages[i * per_department + j],
                    department=department,
                    target_group=plan.groups[(i + j) % len(plan.groups)],
                    programme_type=plan.types[(i * 7 + j) % len(plan.types)],
                    name=f"사업{j:03d}",
                    jobs_target=jobs_target(i, j, year),
                    sort_order=j,
                )
                for i, department in enumerate(departments)
                for j in range(per_department)
            ),
            batch_size=BATCH,
        )
        if pledge is not None:
            PledgeProgramme.objects.bulk_create(
                (PledgeProgramme(pledge=pledge, programme=row) for row in rows), batch_size=BATCH
            )
        made += len(rows)
    if pledge is not None:  # loaded around the services: the pledge's summaries computed as they would keep them
        from performance import summaries

        summaries.refresh([pledge.pk])
    return made
