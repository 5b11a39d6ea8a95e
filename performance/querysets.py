from django.db import models

from .access import own_department, sees_all_departments


class DepartmentScopedQuerySet(models.QuerySet):
    """Row-level access in one method: every list, export and dashboard goes through `visible_to`.

    The model names the path to its department in `department_path`.
    """

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if sees_all_departments(user):
            return self
        department = own_department(user)
        if department is None:
            return self.none()
        return self.filter(**{self.model.department_path: department.pk})
