"""Loading the card's real data, the demo split and the demo accounts.

Everything here only creates what is missing and never changes an existing row, so running it again
changes nothing and never overwrites a figure someone has since edited in the product.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction

from budget.models import Allocation, BudgetLine
from geumcheon_jobs.context_processors import DEMO_CACHE_KEY
from indicators.demo import seed_demo_indicators
from performance import summaries
from performance.access import ADMINISTRATOR_GROUP, MANAGER_GROUP, REVIEWER_GROUP, STAFF_GROUP
from performance.models import (
    AnnualTarget,
    Department,
    FuturePlanItem,
    LocalGovernment,
    Membership,
    Pledge,
    PledgeAuthor,
    PledgeProgramme,
    Programme,
    ProgrammeLineage,
    ProgrammeType,
    ProgressEntry,
    QuarterlyReport,
    QuarterlyReportLine,
    TargetGroup,
    TermPlan,
    YearPlan,
)
from performance.plans import MINISTRY_PROGRAMME_TYPES

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CARD_FILE = FIXTURES / "card_jiyeokgyeongje_11.json"
DEMO_FILE = FIXTURES / "demo_departments.json"
DEMO_PASSWORD = "geumcheon-demo-2026"  # demo data only; seed_demo refuses production without --allow-production
SEOUL = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True)
class SeedResult:
    pledge: Pledge
    created: int
    accounts: tuple[str, ...]


def get_or_create_counted(model, counter: list[int], defaults=None, **lookup):
    obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
    counter[0] += created
    return obj


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` into whole numbers that add up to `total` exactly."""
    whole = sum(weights)
    quotas = [divmod(total * weight, whole) for weight in weights]
    shares = [share for share, _ in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-quotas[i][1], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def report_date(year: int, quarter: int) -> datetime.datetime:
    """When the demo reports of a quarter were approved: the 10th of the month after it ends."""
    month = quarter * 3 + 1
    if month > 12:
        year, month = year + 1, month - 12
    return datetime.datetime(year, month, 10, 9, 0, tzinfo=SEOUL)


def seed_card(counter: list[int]) -> Pledge:
    """The pledge card's real data: header, authors, targets, budget, progress entries, plans."""
    data = json.loads(CARD_FILE.read_text(encoding="utf-8"))
    region = data["local_government"]["region"]
    region = get_or_create_counted(
        LocalGovernment, counter, name=region["name"], defaults={"code": region["code"], "kind": "regional"}
    )
    government = get_or_create_counted(
        LocalGovernment,
        counter,
        name=data["local_government"]["name"],
        defaults={"code": data["local_government"]["code"], "parent": region},
    )
    lead = get_or_create_counted(
        Department,
        counter,
        local_government=government,
        name=data["lead_department"],
        defaults={"code": "dept01", "is_lead": True, "sort_order": 1},
    )
    for order, name in enumerate(data["target_groups"], start=1):
        get_or_create_counted(
            TargetGroup, counter, local_government=government, name=name, defaults={"sort_order": order}
        )
    for order, name in enumerate(MINISTRY_PROGRAMME_TYPES, start=1):
        get_or_create_counted(
            ProgrammeType, counter, local_government=government, name=name, defaults={"sort_order": order}
        )
    seed_term(government, data["term"], counter)
    header = dict(data["pledge"], strategies="\n".join(data["pledge"]["strategies"]), lead_department=lead)
    pledge = get_or_create_counted(
        Pledge, counter, local_government=government, code=header.pop("code"), defaults=header
    )
    if not pledge.authors.exists():
        for order, author in enumerate(data["authors"], start=1):
            get_or_create_counted(PledgeAuthor, counter, pledge=pledge, sort_order=order, defaults=author)
    for year, jobs in data["annual_targets"].items():
        get_or_create_counted(
            AnnualTarget,
            counter,
            pledge=pledge,
            year=int(year),
            target_group=None,
            defaults={"jobs": jobs},
        )
    for year, groups in data["group_targets"].items():
        for name, jobs in groups.items():
            get_or_create_counted(
                AnnualTarget,
                counter,
                pledge=pledge,
                year=int(year),
                target_group=TargetGroup.objects.get(local_government=government, name=name),
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
    if not pledge.progress_entries.exists():
        for order, (year, month, text, *period) in enumerate(data["progress_entries"], start=1):
            result_year, result_quarter = period or (None, None)
            get_or_create_counted(
                ProgressEntry,
                counter,
                pledge=pledge,
                year=year,
                month=month,
                text=text,
                defaults={"result_year": result_year, "result_quarter": result_quarter, "sort_order": order},
            )
    if not pledge.future_plan.exists():
        for order, (level, text, *group) in enumerate(data["future_plan"], start=1):
            target_group = TargetGroup.objects.get(local_government=government, name=group[0]) if group else None
            get_or_create_counted(
                FuturePlanItem,
                counter,
                pledge=pledge,
                sort_order=order,
                defaults={"level": level, "text": text, "target_group": target_group},
            )
    return pledge


def seed_term(government: LocalGovernment, term: dict, counter: list[int]) -> TermPlan:
    """A term plan and its published yearly plans (one per year of the term, or of `years` when given; `published_on`:
    their 공시일 by year)."""
    plan = get_or_create_counted(
        TermPlan,
        counter,
        local_government=government,
        name=term["name"],
        defaults={
            "first_year": term["first_year"],
            "last_year": term["last_year"],
            "jobs_target": term.get("jobs_target"),
            "is_demo": term.get("is_demo", False),
        },
    )
    published_on = term.get("published_on", {})
    for year in term.get("years") or range(plan.first_year, plan.last_year + 1):
        published = published_on.get(str(year))
        get_or_create_counted(
            YearPlan,
            counter,
            local_government=government,
            year=year,
            defaults={
                "term": plan,
                "status": YearPlan.Status.PUBLISHED,
                "is_demo": plan.is_demo,
                "published_on": datetime.date.fromisoformat(published) if published else None,
            },
        )
    return plan


def seed_demo_departments(pledge: Pledge, counter: list[int]) -> tuple[list[Department], dict[int, list[tuple]]]:
    """DEMO: the 22 departments and their programmes, with a row in each yearly plan of the card's term, linked to
    the pledge (and each programme's weight in the split); returns the departments and, per year, the rows."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    card = json.loads(CARD_FILE.read_text(encoding="utf-8"))
    government = pledge.local_government
    groups = {group.name: group for group in TargetGroup.objects.filter(local_government=government)}
    types = {kind.name: kind for kind in ProgrammeType.objects.filter(local_government=government)}
    plans = {
        plan.year: plan
        for plan in YearPlan.objects.filter(local_government=government, term__name=card["term"]["name"])
    }
    departments, programmes = [], defaultdict(list)
    for order, (code, name, programme_rows) in enumerate(data["departments"], start=1):
        department = get_or_create_counted(
            Department,
            counter,
            local_government=government,
            name=name,
            defaults={"code": code, "sort_order": order, "is_demo": order != 1},
        )
        departments.append(department)
        for p_order, (p_name, group, programme_type, weight) in enumerate(programme_rows, start=1):
            lineage = None
            for year, plan in sorted(plans.items()):
                programme = Programme.objects.filter(year_plan=plan, department=department, name=p_name).first()
                if programme is None:
                    lineage = lineage or get_or_create_counted(
                        ProgrammeLineage, counter, local_government=government, name=p_name
                    )
                    programme = get_or_create_counted(
                        Programme,
                        counter,
                        year_plan=plan,
                        department=department,
                        name=p_name,
                        defaults={
                            "lineage": lineage,
                            "target_group": groups[group],
                            "programme_type": types[programme_type],
                            "sort_order": p_order,
                            "jobs_target": card["programme_targets"].get(str(year), {}).get(p_name),
                        },
                    )
                    get_or_create_counted(PledgeProgramme, counter, pledge=pledge, programme=programme)
                lineage = programme.lineage
                programmes[year].append((programme, weight))
    return departments, programmes


def seed_demo_reports(programmes: dict[int, list[tuple]], reviewer, counter: list[int]) -> None:
    """DEMO: approved reports for every period on the card, whose sums are the card's figures."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for year, quarters in data["quarterly_results"].items():
        if not year.isdigit():
            continue
        for quarter, total in quarters.items():
            _seed_quarter(int(year), int(quarter), total, programmes[int(year)], reviewer, counter)


def _seed_quarter(year, quarter, total, programmes, reviewer, counter) -> None:
    """One quarter's demo reports: the card's total split over programmes, varied from quarter to quarter."""
    weights = [weight * (4 + (index * 7 + quarter * 3 + year) % 5) for index, (_, weight) in enumerate(programmes)]
    shares = largest_remainder(total, weights)
    when = report_date(year, quarter)
    reports: dict[int, QuarterlyReport] = {}
    for (programme, _), jobs in zip(programmes, shares, strict=True):
        department = programme.department
        if department.pk not in reports:
            report = QuarterlyReport.objects.filter(department=department, year=year, quarter=quarter).first()
            if report is not None:  # already seeded, or entered by someone since: leave it as it is
                reports[department.pk] = None
                continue
            reports[department.pk] = get_or_create_counted(
                QuarterlyReport,
                counter,
                department=department,
                year=year,
                quarter=quarter,
                defaults={
                    "status": QuarterlyReport.Status.APPROVED,
                    "submitted_at": when - datetime.timedelta(days=3),
                    "reviewed_at": when,
                    "reviewed_by": reviewer,
                },
            )
        if reports[department.pk] is not None:
            get_or_create_counted(
                QuarterlyReportLine,
                counter,
                report=reports[department.pk],
                programme=programme,
                defaults={"jobs": jobs},
            )


def seed_accounts(departments: list[Department], counter: list[int]) -> tuple[str, ...]:
    """Demo accounts: `lead` (lead department reviewer), `manager`, `gov-admin` (기관 관리자: users, departments, lists
    and funding sources of the government) and `deptNN` staff, one per department."""
    lead_department = next(department for department in departments if department.is_lead)
    accounts = [
        ("lead", REVIEWER_GROUP, lead_department, "일자리창출과 검토자"),
        ("manager", MANAGER_GROUP, None, "관리자"),
        ("gov-admin", ADMINISTRATOR_GROUP, lead_department, "기관 관리자"),
    ]
    accounts += [(department.code, STAFF_GROUP, department, department.name) for department in departments]
    password = make_password(DEMO_PASSWORD)  # hashed once: 24 accounts share the one demo password
    for username, group_name, department, first_name in accounts:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create(
                username=username, password=password, first_name=first_name, email=f"{username}@demo.geumcheon.invalid"
            )
            user.groups.add(Group.objects.get(name=group_name))
            counter[0] += 1
        defaults = {"department": department, "local_government": lead_department.local_government}
        get_or_create_counted(Membership, counter, user=user, defaults=defaults)
    return tuple(username for username, *_ in accounts)


@transaction.atomic
def seed_demo(*, with_accounts: bool = True) -> SeedResult:
    """Load everything `make run` shows, in one transaction; returns how many rows were created."""
    counter = [0]
    pledge = seed_card(counter)
    departments, programmes = seed_demo_departments(pledge, counter)
    accounts = seed_accounts(departments, counter) if with_accounts else ()
    reviewer = get_user_model().objects.filter(username="lead").first()
    seed_demo_reports(programmes, reviewer, counter)
    from geumcheon_jobs.demo_governments import seed_demo_governments  # they build on this module's helpers
    from geumcheon_jobs.demo_term import seed_demo_term

    seed_demo_term(pledge.local_government, reviewer, counter)
    counter[0] += seed_demo_indicators(pledge.local_government)
    accounts += seed_demo_governments(counter, make_password(DEMO_PASSWORD) if with_accounts else None)
    if counter[0]:  # rows created here bypass the services: each government's summaries are recomputed once
        summaries.refresh(Pledge.objects.values_list("pk", flat=True))
        for government in Pledge.objects.values_list("local_government", flat=True).distinct():
            summaries.refresh_budget(government)
    cache.delete_many([f"{DEMO_CACHE_KEY}:{pk}" for pk in LocalGovernment.objects.values_list("pk", flat=True)])
    return SeedResult(pledge, counter[0], accounts)
