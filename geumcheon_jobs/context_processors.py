from performance.access import own_department, role_label, sees_all_departments
from performance.models import Department


def roles(request):
    """The signed-in person's role and department for the header, and whether demo data is loaded."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "user_role": role_label(user),
        "user_department": own_department(user),
        "sees_all": sees_all_departments(user),
        "demo_data": Department.objects.filter(is_demo=True).exists(),
    }
