"""Where an official document's data stand: its 기준일, and whether its figures include demo data. Every document
(the card, the quarterly report, the budget report) asks here, naming what it shows, so that 기준일 means one thing on
all of them: the date of the latest change to the data the document shows.

The changes are read from the history every write keeps (django-simple-history: the services, the imports and the
admin alike), so a change made anywhere moves the date, and a change to data the document does not show does not.
"""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists, F, OuterRef, Q, Subquery

from budget.selectors import budget_records
from performance.models import AnnualTarget, Department, FuturePlanItem, Pledge, ProgressEntry, QuarterlyReport

APPROVED = QuarterlyReport.Status.APPROVED


@dataclass(frozen=True)
class Provenance:
    as_of: datetime.datetime | None  # 기준일; None when nothing the document shows has a recorded change
    includes_demo: bool  # the figures include reports of departments marked as demo


def document_provenance(
    pledge: Pledge,
    *,
    results_through: tuple[int, int] | None = None,
    states_of: tuple[int, int] | None = None,
    targets: bool = False,
    budget: bool = False,
    card_text: bool = False,
) -> Provenance:
    """The 기준일 of a document that shows what the arguments name, and whether its results include demo data.

    `results_through` (year, quarter): the approved results of every period up to it, so an approval and a
    reopening (a report entering or leaving the approved state) are changes, and a draft saved or a submission
    returned is not. `states_of` (year, quarter): each department's report state of that quarter, so every change
    of state is. `targets`: the pledge's job targets (any year, group or programme). `budget`: the pledge's budget
    lines and figures. `card_text`: the typed parts of the card (header, 추진실적, 향후계획).

    One query, whatever is named: each kind of change is a subquery for its newest moment.
    """
    newest = {}
    if results_through or states_of:
        newest["changed_reports"] = _newest(_report_changes(results_through, states_of))
    if targets:
        newest["changed_targets"] = _newest(AnnualTarget.history.filter(pledge_id=OuterRef("pk")))
    if budget:
        for index, records in enumerate(budget_records(OuterRef("pk"))):
            newest[f"changed_budget{index}"] = _newest(records)
    if card_text:
        newest["changed_pledge"] = _newest(Pledge.history.filter(id=OuterRef("pk")))
        newest["changed_progress"] = _newest(ProgressEntry.history.filter(pledge_id=OuterRef("pk")))
        newest["changed_plan"] = _newest(FuturePlanItem.history.filter(pledge_id=OuterRef("pk")))
    demo = Department.objects.filter(local_government_id=OuterRef("local_government_id"), is_demo=True)
    row = Pledge.objects.filter(pk=pledge.pk).values(demo=Exists(demo), **newest).get()
    moments = [row[name] for name in newest if row[name] is not None]
    shows_results = bool(results_through or states_of)
    return Provenance(max(moments, default=None), shows_results and row["demo"])


def _newest(history) -> Subquery:
    return Subquery(history.order_by("-history_date").values("history_date")[:1])


# A history record of a report (from `report_records`) that moved approved figures: the report entered the approved
# state, or left it (a reopening). What counts is what is approved (`ResultsQuerySet.approved`); its history is read
# here, for every document's 기준일 (the pledge's documents and the plan's).
MOVED_APPROVED_FIGURES = Q(status=APPROVED) | Q(previous=APPROVED)


def report_records(**where):
    """The history records of the reports `where` selects, each with the status the report had before (`previous`;
    None for its first record)."""
    history = QuarterlyReport.history
    before = history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by("-history_id")
    return history.filter(**where).annotate(previous=Subquery(before.values("status")[:1]))


def _report_changes(through: tuple[int, int] | None, states_of: tuple[int, int] | None):
    """The history records of the pledge's government's reports that change what the document shows: a report
    entering or leaving the approved state in a period up to `through`; any change of state in `states_of`."""
    records = report_records(department__local_government_id=OuterRef("local_government_id"))
    changes = []
    if through:
        year, quarter = through
        in_period = Q(year__lt=year) | Q(year=year, quarter__lte=quarter)
        changes.append(in_period & MOVED_APPROVED_FIGURES)
    if states_of:
        year, quarter = states_of
        changed = Q(previous__isnull=True) | ~Q(status=F("previous")) | Q(history_type="-")
        changes.append(Q(year=year, quarter=quarter) & changed)
    return records.filter(reduce(operator.or_, changes))
