from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

PERMISSIONS_ATTRIBUTE = "membership_permissions"  # where a user's permissions stay for the request


class MembershipBackend(ModelBackend):
    """Django's backend with two savings that every page needs (the header, `visible_to`, the dashboards'
    query budget): the person's department and government load with the user, and their permissions, own and through
    groups, in one query instead of two."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("membership__department", "membership__local_government")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        # Kept on the user object for the request, under a name of our own: Django's ModelBackend keeps its cache in
        # a private attribute of its own (_perm_cache), which is no API to write into.
        cached = getattr(user_obj, PERMISSIONS_ATTRIBUTE, None)
        if cached is None:
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = permissions.values_list("content_type__app_label", "codename").distinct().order_by()
            cached = {f"{app_label}.{codename}" for app_label, codename in rows}
            setattr(user_obj, PERMISSIONS_ATTRIBUTE, cached)
        return cached
