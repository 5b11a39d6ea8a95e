"""The results revision: one counter per local government that every change to its achievement figures' inputs
increments in its own transaction, so that anything computed from those inputs can be cached under the revision
it saw.

Why this is exact: the increment is an UPDATE of the government's row, so it holds that row's lock until the
writing transaction commits, and revisions become visible in the order their data does. A reader that reads
revision N first and the data afterwards sees at least everything committed up to N; what it computes is
stored under N and may only be newer than N, never older. Services bump explicitly (one UPDATE per service
call, so a 10,000-line import costs one); the models that the admin site edits bump through signals
(`performance.apps`).

The row lock is also what keeps the summaries exact (`performance.summaries`): a service changes them only after
its bump, so the changes of one government's writers never interleave. Another government's writers take another
row and never wait on this one.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import LocalGovernment, ResultsRevision


def _government_id(government) -> int:
    return government.pk if isinstance(government, LocalGovernment) else int(government)


def revision_bump(government) -> None:
    """Increment the government's revision inside the caller's transaction (and hold its lock until commit)."""
    government_id = _government_id(government)
    if ResultsRevision.objects.filter(local_government_id=government_id).update(number=F("number") + 1):
        return
    # A government's first change: its row starts above every number used so far, so that a page cached under
    # the install-wide revision of earlier versions can never be served again.
    start = (ResultsRevision.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            ResultsRevision.objects.create(local_government_id=government_id, number=start)
    except IntegrityError:  # created meanwhile by another writer: bump theirs (waiting for its commit)
        if not ResultsRevision.objects.filter(local_government_id=government_id).update(number=F("number") + 1):
            raise


def revision_annotation(government_field: str = "local_government"):
    """The revision of the row's government as an expression, to read it in the same query as the object a page
    is about (`government_field`: the path from that object to its government)."""
    number = ResultsRevision.objects.filter(local_government=OuterRef(government_field)).values("number")
    return Coalesce(Subquery(number, output_field=IntegerField()), Value(0))


# How each model the admin site may edit reaches its government.
GOVERNMENT_PATHS = {
    "Department": "local_government_id",
    "Programme": "year_plan.local_government_id",
    "TargetGroup": "local_government_id",
    "ProgrammeType": "local_government_id",
    "AnnualTarget": "pledge.local_government_id",
    "Pledge": "local_government_id",
    "Membership": "local_government_id",
    "PledgeProgramme": "pledge.local_government_id",
    "YearPlan": "local_government_id",
    "GovernmentFundingSource": "local_government_id",
}


def instance_government(instance) -> int | None:
    value = instance
    for part in GOVERNMENT_PATHS[type(instance).__name__].split("."):
        value = getattr(value, part, None)
    return value


def bump_on_change(sender, instance=None, **kwargs) -> None:
    """Signal receiver for models edited outside the services (the admin site, fixtures)."""
    if not kwargs.get("raw") and (government := instance_government(instance)) is not None:
        revision_bump(government)
