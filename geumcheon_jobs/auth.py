from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MembershipBackend(ModelBackend):
    """Django's backend, loading the person's department with the user in one query: every page needs it
    (the header, `visible_to`), and the dashboards must stay within a few queries."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("membership__department").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
