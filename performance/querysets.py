from django.db import models

from .access import own_department, sees_all_departments


class DepartmentScopedQuerySet(models.QuerySet):
    """Row-level access in one method: every list, export and dashboard goes through `visible_to`.

    The model names the path to its department in `department_path`.
    """

    def visible_to(self, user):
        return self.filter(self.visibility(user))

    def visibility(self, user) -> models.Q:
        """The same rule as a condition, for aggregates that count only the person's rows."""
        if not user.is_authenticated or not user.is_active:
            return models.Q(pk__in=[])
        if sees_all_departments(user):
            return models.Q()
        department = own_department(user)
        if department is None:
            return models.Q(pk__in=[])
        return models.Q(**{self.model.department_path: department.pk})


class ResultsQuerySet(DepartmentScopedQuerySet):
    """Quarterly reports and their lines: besides `visible_to`, the one rule of what counts (DESIGN.md: only
    approved figures count in dashboards and official documents). The model names the path to its report's status
    in `status_path`."""

    def approved(self):
        """Only what counts: reports the lead department approved, or the lines of such reports."""
        return self.filter(self.approval())

    def approval(self) -> models.Q:
        """The same rule as a condition, for aggregates that count approved and other lines in one query."""
        from .models.results import QuarterlyReport  # the models import this module

        return models.Q(**{self.model.status_path: QuarterlyReport.Status.APPROVED})
