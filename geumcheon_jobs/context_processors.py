from django.core.cache import cache
from django.db.models import Exists, OuterRef

from performance.access import (
    can_administer_government,
    can_issue_documents,
    can_read_official_documents,
    government_of,
    own_department,
    role_label,
    sees_all_departments,
    supervises,
)
from performance.models import Department, LocalGovernment

DEMO_CACHE_KEY = "geumcheon_jobs:demo_data"


def demo_data_loaded(government: int | None) -> str:
    """What of the person's government is demo data: "invented" (a fictional government, every figure invented),
    "split" (demo departments sharing a real government's totals) or "" (none); cached per government, and cleared
    by seed_demo, the only thing that adds them."""
    if government is None:
        return ""
    key = f"{DEMO_CACHE_KEY}:{government}"
    loaded = cache.get(key)
    if loaded is None:
        row = LocalGovernment.objects.filter(pk=government).values_list(
            "is_demo", Exists(Department.objects.filter(local_government=OuterRef("pk"), is_demo=True))
        )
        invented, split = row.first() or (False, False)
        loaded = "invented" if invented else "split" if split else ""
        cache.set(key, loaded, 300)
    return loaded


def header_identity(name: str, role: str, department: str) -> tuple[str, str, str]:
    """Who is signed in, for the header: the name, the role and the department, each shown once. An account
    named after its role ("일자리창출과 검토자", "관리자") or its department ("지역경제과") would otherwise show
    the same words twice or three times; a word already said is left blank."""
    if role and (role in name or name in role):
        name = ""  # the role's badge says it
    if department and any(department in text for text in (name, role)):
        department = ""
    return name, role, department


def roles(request):
    """The signed-in person's role and department for the header, and whether demo data is loaded."""
    # A request refused before the authentication middleware (a bad Host header → 400) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role, department = role_label(user), own_department(user)
    name, shown_role, shown_department = header_identity(
        user.get_full_name() or user.username, role, str(department) if department else ""
    )
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return {
        "office_name": membership.local_government.name if membership else "",  # the header's 기관명
        "user_department": department,
        "header_identity": {"name": name, "role": shown_role, "department": shown_department},
        "sees_all": sees_all_departments(user),
        "reads_official_documents": can_read_official_documents(user),
        "issues_documents": can_issue_documents(user),  # the 발송 처리 buttons beside the downloads
        "administers_government": can_administer_government(user),
        "supervises": supervises(user),
        "demo_data": demo_data_loaded(government_of(user)),
    }
