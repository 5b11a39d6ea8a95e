from django.core.cache import cache

from performance.access import own_department, role_label, sees_all_departments
from performance.models import Department

DEMO_CACHE_KEY = "geumcheon_jobs:demo_data"


def demo_data_loaded() -> bool:
    """Whether demo departments exist; cached, and cleared by seed_demo, the only thing that adds them."""
    loaded = cache.get(DEMO_CACHE_KEY)
    if loaded is None:
        loaded = Department.objects.filter(is_demo=True).exists()
        cache.set(DEMO_CACHE_KEY, loaded, 300)
    return loaded


def roles(request):
    """The signed-in person's role and department for the header, and whether demo data is loaded."""
    # A request refused before the authentication middleware (a bad Host header → 400) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_role": role_label(user),
        "user_department": own_department(user),
        "sees_all": sees_all_departments(user),
        "demo_data": demo_data_loaded(),
    }
