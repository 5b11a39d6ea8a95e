from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("일자리 실적")

    def ready(self):
        from . import models
        from .revision import bump_on_change

        # Edited through the admin site, not through a service: a signal keeps the results revision in step.
        for model in (
            models.Department,
            models.Programme,
            models.TargetGroup,
            models.AnnualTarget,
            models.Pledge,
            models.Membership,
            models.PledgeProgramme,
            models.YearPlan,
            models.ProgrammeType,
            models.GovernmentFundingSource,
        ):
            post_save.connect(bump_on_change, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
            post_delete.connect(bump_on_change, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
