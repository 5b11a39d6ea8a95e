"""Where a figure comes from and what it is measured against: the approved lines behind a dashboard number and
the year's targets."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_tables2 import LazyPaginator, RequestConfig

from audit.models import AccessLog

from .. import targets
from ..access import can_set_targets
from ..forms import TargetsForm
from ..lists import ApprovedLineFilter, ApprovedLineTable, approved_lines_for
from ..models import Pledge
from ..plans import default_year, plan_years
from ..validation import year_from_query
from .reports import local_today


class ApprovedLinesView(TemplateView):
    """The approved lines a dashboard figure is made of (year, quarter, group, type, department), with their
    sum, each linked to its report and from there to its history."""

    template_name = "performance/lines.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        filtered = ApprovedLineFilter(self.request.GET, approved_lines_for(self.request.user), request=self.request)
        table = ApprovedLineTable(filtered.qs)
        RequestConfig(self.request, paginate={"per_page": self.per_page, "paginator_class": LazyPaginator}).configure(
            table
        )
        total = filtered.qs.order_by().aggregate(total=Sum("jobs"))["total"] if filtered.is_valid() else None
        return super().get_context_data(filter=filtered, table=table, total=total or 0, **kwargs)


class TargetsView(TemplateView):
    """연간 목표: the district's total, each group's and each programme's target for a year. The lead department
    edits them in one form (blank: no target); everyone else reads what they may see."""

    template_name = "performance/targets.html"
    access_log = AccessLog.Kind.PERSONAL  # the history names who changed each target

    def dispatch(self, request, *args, **kwargs):
        self.pledge = get_object_or_404(Pledge.objects.visible_to(request.user), code=kwargs["code"])
        self.years = plan_years(self.pledge.local_government_id)
        self.year = year_from_query(request.GET) or default_year(self.years, local_today())
        if self.year not in self.years:  # targets are set for a year of a plan
            raise Http404("no such year")
        return super().dispatch(request, *args, **kwargs)

    def sheet(self):
        return targets.target_sheet(self.pledge, self.year, self.request.user)

    def get_context_data(self, **kwargs):
        sheet = kwargs.pop("sheet", None) or self.sheet()
        editable = can_set_targets(self.request.user)
        kwargs.setdefault("form", TargetsForm(sheet=sheet) if editable else None)
        return super().get_context_data(
            pledge=self.pledge,
            sheet=sheet,
            editable=editable,
            years=self.years,
            changes=targets.target_changes(self.pledge, self.year, limit=20),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can_set_targets(request.user):
            raise PermissionDenied(targets.NOT_ALLOWED)
        sheet = self.sheet()
        form = TargetsForm(request.POST, sheet=sheet)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(sheet=sheet, form=form), status=400)
        try:
            changed = targets.targets_save(
                pledge=self.pledge,
                year=self.year,
                values=form.values(),
                user=request.user,
                seen=form.cleaned_data["seen"],
                reason=form.cleaned_data["reason"],
            )
        except targets.StaleTargets as stale:
            context = self.get_context_data(sheet=sheet, form=form, stale=stale.changes)
            return self.render_to_response(context, status=409)
        except targets.ReasonRequired as refused:
            form.add_error("reason", refused.message)
            return self.render_to_response(self.get_context_data(sheet=sheet, form=form), status=400)
        if changed:
            messages.success(request, _("연간 목표 %(count)d건을 바꾸었습니다.") % {"count": changed})
        else:
            messages.info(request, _("바뀐 목표가 없습니다. 아무것도 저장하지 않았습니다."))
        return redirect(f"{reverse('performance:targets', args=[self.pledge.code])}?year={self.year}")
