"""Pages cached under the results revision (see `performance.revision`): the key names everything the page
depends on — the revision, what the person may see and do, the query string, today's year and the language —
so a cached page is served only while none of that has changed."""

import hashlib
from functools import cache

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from performance.access import can_review_reports, own_department, sees_all_departments
from performance.models import Pledge, YearPlan
from performance.revision import revision_annotation

SECONDS = 3600  # entries are never stale (the key changes with the data); this only frees memory


def pledge_with_revision(user, code: str, year: int | None = None) -> Pledge:
    """The pledge of the person's government a page is about, with the results revision read in the same query (`results_revision`); with a
    `year`, a pledge whose government has no plan for that year is not found (a year without a plan is never shown
    as if it were an empty one). The check reads the small table of yearly plans by its unique key, not the
    pledge's links, which at 250,000 세부사업 rows cost more than the cached page itself."""
    pledges = Pledge.objects.visible_to(user).annotate(results_revision=revision_annotation())
    if year is not None:
        plan = YearPlan.objects.filter(local_government=OuterRef("local_government"), year=year)
        pledges = pledges.filter(Exists(plan))
    return get_object_or_404(pledges, code=code)


def page_cache_key(request, name: str, revision: int) -> str:
    """The cache key of one page for this person and this query under the results revision it read."""
    user = request.user
    department = own_department(user)
    parts = [
        name,
        request.path,
        revision,
        sees_all_departments(user),
        can_review_reports(user),
        user.is_superuser,
        department.pk if department else None,
        sorted(request.GET.lists()),
        timezone.localdate().year,
        get_language(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def lazy(compute):
    """Context values computed only when a template renders them (on a cache miss), and only once: the
    template language calls a callable it finds in the context."""
    once = cache(compute)
    return lambda key: lambda: once()[key]
