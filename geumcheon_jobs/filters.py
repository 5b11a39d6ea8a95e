import django_filters
from django.utils.translation import gettext_lazy as _

from performance.models import Department


class DepartmentFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("부서명"), lookup_expr="icontains")

    class Meta:
        model = Department
        fields = ["name"]
