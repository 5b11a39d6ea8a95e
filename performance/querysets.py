from django.db import models

from .access import government_of, own_department, sees_all_departments


class DepartmentScopedQuerySet(models.QuerySet):
    """Row-level access in one method: every list, export and dashboard goes through `visible_to`.

    The model names the path to its department in `department_path`. Nothing of another government passes: the lead
    department and managers see every department of their own government, staff their own department.
    """

    def visible_to(self, user):
        return self.filter(self.visibility(user))

    def visibility(self, user) -> models.Q:
        """The same rule as a condition, for aggregates that count only the person's rows."""
        government = government_of(user)
        if government is None:
            return models.Q(pk__in=[])
        if sees_all_departments(user):  # every department of the person's government, never another's
            return models.Q(**{self.government_path(): government})
        department = own_department(user)
        if department is None:
            return models.Q(pk__in=[])
        return models.Q(**{self.model.department_path: department.pk})

    def government_path(self) -> str:
        """The path from a row to its government's id, through its department."""
        path = self.model.department_path
        return "local_government_id" if path == "pk" else f"{path}__local_government_id"


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


class GovernmentScopedQuerySet(models.QuerySet):
    """Rows that belong to one government as a whole (pledges, plans, lists): every signed-in person reads their own
    government's and nothing of another (`access.government_of`); someone without a government reads none."""

    def visible_to(self, user):
        government = government_of(user)
        return self.none() if government is None else self.filter(local_government_id=government)
