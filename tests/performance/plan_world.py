"""A small plan of a test government for the plan screens' tests: 2019's plan with one strategy, two tasks and
three 세부사업 in two departments, independent of the seed."""

from dataclasses import dataclass

from performance.models import Department, LocalGovernment, Programme, Strategy, Task, YearPlan
from tests.factories import (
    DepartmentFactory,
    LocalGovernmentFactory,
    ProgrammeFactory,
    ProgrammeTypeFactory,
    TargetGroupFactory,
    YearPlanFactory,
    reviewer,
    staff_of,
)


@dataclass
class PlanWorld:
    government: LocalGovernment
    plan: YearPlan
    strategy: Strategy
    tasks: tuple[Task, Task]
    first: Department
    second: Department
    programmes: tuple[Programme, ...]
    lead: object
    staff: object


def plan_world(*, name="계획구", year=2019) -> PlanWorld:
    government = LocalGovernmentFactory(name=name)
    plan = YearPlanFactory(local_government=government, year=year, status=YearPlan.Status.DRAFT)
    strategy = Strategy.objects.create(year_plan=plan, name="청년 일자리 확대", sort_order=1)
    tasks = (
        Task.objects.create(strategy=strategy, name="청년 창업", sort_order=1),
        Task.objects.create(strategy=strategy, name="청년 취업", sort_order=2),
    )
    first = DepartmentFactory(local_government=government, name=f"{name}일자리과", is_lead=True)
    second = DepartmentFactory(local_government=government, name=f"{name}복지과")
    youth = TargetGroupFactory(local_government=government, name="청년층")
    elderly = TargetGroupFactory(local_government=government, name="노년층")
    direct = ProgrammeTypeFactory(local_government=government, name="직접일자리")
    startup = ProgrammeTypeFactory(local_government=government, name="창업지원")
    common = {"year_plan": plan, "year": year}
    programmes = (
        ProgrammeFactory(
            **common,
            department=first,
            name="청년창업사관",
            task=tasks[0],
            target_group=youth,
            programme_type=startup,
            jobs_target=30,
        ),
        ProgrammeFactory(
            **common,
            department=first,
            name="청년인턴",
            task=tasks[1],
            target_group=youth,
            programme_type=direct,
            jobs_target=20,
        ),
        ProgrammeFactory(
            **common,
            department=second,
            name="어르신일자리",
            task=None,
            target_group=elderly,
            programme_type=direct,
            jobs_target=100,
        ),
    )
    lead = reviewer(government)
    lead.membership.department = first  # the lead department's reviewer
    lead.membership.save()
    return PlanWorld(government, plan, strategy, tasks, first, second, programmes, lead, staff_of(second))
