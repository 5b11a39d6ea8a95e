from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GeumcheonJobsConfig(AppConfig):
    name = "geumcheon_jobs"
    verbose_name = _("일자리 목표공시")

    def ready(self):
        from . import checks, session_timeout  # noqa: F401 - registers the system checks and the login receiver
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="geumcheon_jobs.ensure_roles")
