"""factory_boy factories for the domain models: each builds a valid row with its parents."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from budget.models import Allocation, BudgetLine, FundingSource
from performance import summaries
from performance.access import MANAGER_GROUP, REVIEWER_GROUP, STAFF_GROUP
from performance.models import (
    AnnualTarget,
    Department,
    LocalGovernment,
    Membership,
    Pledge,
    PledgeProgramme,
    PledgeStatus,
    Programme,
    ProgrammeLineage,
    ProgrammeType,
    QuarterlyReport,
    QuarterlyReportLine,
    TargetGroup,
    TermPlan,
    YearPlan,
)


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment
        django_get_or_create = ["name"]

    name = "테스트구"
    code = factory.Sequence(lambda n: str(9_990_000 + n))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    local_government = factory.SubFactory(LocalGovernmentFactory)
    name = factory.Sequence(lambda n: f"테스트{n}과")
    code = factory.Sequence(lambda n: f"test{n:02d}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["local_government", "name"]

    local_government = factory.SubFactory(LocalGovernmentFactory)
    name = "청년층"


class ProgrammeTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeType
        django_get_or_create = ["local_government", "name"]

    local_government = factory.SubFactory(LocalGovernmentFactory)
    name = "직접일자리"


class TermPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermPlan
        django_get_or_create = ["local_government", "name"]

    local_government = factory.SubFactory(LocalGovernmentFactory)
    name = "테스트 종합계획"
    first_year = 2018
    last_year = 2030


class YearPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan
        django_get_or_create = ["local_government", "year"]

    local_government = factory.SubFactory(LocalGovernmentFactory)
    term = factory.SubFactory(TermPlanFactory, local_government=factory.SelfAttribute("..local_government"))
    year = 2019
    status = YearPlan.Status.PUBLISHED


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A 세부사업 of one year's plan (2019 unless `year` is given), linked to the pledges in `pledges`."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    class Params:
        year = 2019

    department = factory.SubFactory(DepartmentFactory)
    year_plan = factory.SubFactory(
        YearPlanFactory,
        local_government=factory.SelfAttribute("..department.local_government"),
        year=factory.SelfAttribute("..year"),
    )
    name = factory.Sequence(lambda n: f"세부사업{n}")
    lineage = factory.SubFactory(
        "tests.factories.ProgrammeLineageFactory",
        local_government=factory.SelfAttribute("..department.local_government"),
        name=factory.SelfAttribute("..name"),
    )
    target_group = factory.SubFactory(
        TargetGroupFactory, local_government=factory.SelfAttribute("..department.local_government")
    )
    programme_type = factory.SubFactory(
        ProgrammeTypeFactory, local_government=factory.SelfAttribute("..department.local_government")
    )

    @factory.post_generation
    def pledges(self, create, extracted, **kwargs):
        for pledge in extracted or ():
            PledgeProgramme.objects.create(pledge=pledge, programme=self)
        if extracted:  # rows made here bypass the services: the summaries they would have kept, kept here
            summaries.refresh([pledge.pk for pledge in extracted], [self.year_plan.year])


class ProgrammeLineageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeLineage

    local_government = factory.SubFactory(LocalGovernmentFactory)
    name = factory.Sequence(lambda n: f"계보{n}")


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    local_government = factory.SubFactory(LocalGovernmentFactory)
    code = factory.Sequence(lambda n: f"테스트-{n}")
    title = "테스트 공약"
    status = PledgeStatus.ON_TRACK
    implementation_rate = 50
    completion_due = "임기내"
    project_type = "계속"
    lead_department = factory.SubFactory(
        DepartmentFactory, local_government=factory.SelfAttribute("..local_government"), is_lead=True
    )
    plan_label = "일자리창출"
    policy_goal = "목표"
    strategies = "전략 하나\n전략 둘"


class AnnualTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualTarget

    pledge = factory.SubFactory(PledgeFactory)
    year = 2019
    jobs = 1000


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    department = factory.SubFactory(DepartmentFactory)
    year = 2019
    quarter = 1
    status = QuarterlyReport.Status.APPROVED


class QuarterlyReportLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReportLine

    report = factory.SubFactory(QuarterlyReportFactory)
    programme = factory.SubFactory(
        ProgrammeFactory,
        department=factory.SelfAttribute("..report.department"),
        year=factory.SelfAttribute("..report.year"),
    )
    jobs = 10

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A line made here bypasses the services: its pledges' summaries of the year are recomputed, as an
        approval would have kept them."""
        line = super()._create(model_class, *args, **kwargs)
        pledges = PledgeProgramme.objects.filter(programme=line.programme_id).values_list("pledge", flat=True)
        summaries.refresh(pledges, [line.report.year])
        return line


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    pledge = factory.SubFactory(PledgeFactory)
    name = factory.Sequence(lambda n: f"예산사업{n}")


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    budget_line = factory.SubFactory(BudgetLineFactory)
    year = 2019
    source = FundingSource.NATIONAL
    secured = 100
    executed = 50


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))


def member_of(user, government=None):
    """The membership that puts a lead reviewer or manager in a government (by default the factories' 테스트구)."""
    Membership.objects.create(user=user, local_government=government or LocalGovernmentFactory())
    return user


def staff_of(department, **kwargs):
    user = UserFactory(role=STAFF_GROUP, **kwargs)
    Membership.objects.create(user=user, department=department)
    return user


def reviewer(government=None, **kwargs):
    return member_of(UserFactory(role=REVIEWER_GROUP, **kwargs), government)


def manager(government=None, **kwargs):
    return member_of(UserFactory(role=MANAGER_GROUP, **kwargs), government)
