"""The results revision: a counter every change to the achievement figures' inputs increments in its own
transaction, so that anything computed from those inputs can be cached under the revision it saw.

Why this is exact: the increment is an UPDATE of one row, so it holds that row's lock until the writing
transaction commits, and revisions become visible in the order their data does. A reader that reads
revision N first and the data afterwards sees at least everything committed up to N; what it computes is
stored under N and may only be newer than N, never older. Services bump explicitly (one UPDATE per service
call, so a 10,000-line import costs one); the models that only the admin site edits bump through signals
(`performance.apps`).
"""

from django.db.models import F, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce

from .models import ResultsRevision

ROW = 1


def revision_bump() -> None:
    """Increment the revision inside the caller's transaction (call it after the change's other locks)."""
    if not ResultsRevision.objects.filter(pk=ROW).update(number=F("number") + 1):
        ResultsRevision.objects.get_or_create(pk=ROW, defaults={"number": 1})


def revision_annotation():
    """The revision as an expression, to read it in the same query as the object a page is about."""
    number = ResultsRevision.objects.filter(pk=ROW).values("number")
    return Coalesce(Subquery(number, output_field=IntegerField()), Value(0))


def bump_on_change(sender, **kwargs) -> None:
    """Signal receiver for models edited outside the services (the admin site, fixtures)."""
    if not kwargs.get("raw"):
        revision_bump()
