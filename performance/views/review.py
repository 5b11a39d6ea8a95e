"""The lead department's review board: every department × a quarter, bulk approval, the deadline."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .. import reporting, services
from ..access import can_review_reports, government_of
from ..forms import DeadlineForm
from ..models import QuarterlyReport
from ..periods import reporting_period
from ..plans import plan_years, reporting_default
from ..validation import period_from_text, whole_in_range
from .reports import local_today


class ReviewBoardView(TemplateView):
    """Every department × a quarter: who has submitted, who is late, completeness and timeliness."""

    template_name = "performance/board.html"

    def get_period(self) -> tuple[int, int]:
        """?year=&quarter= (default: the latest ended quarter of a plan year); a refused deadline form passes its
        own."""
        year, quarter = reporting_default(government_of(self.request.user), local_today()) or reporting_period(
            local_today()
        )
        period = period_from_text(self.request.GET.get("year", year), self.request.GET.get("quarter", quarter))
        if period is None:
            raise Http404("bad period")
        return period

    def get_context_data(self, deadline_form=None, period=None, **kwargs):
        year, quarter = period or self.get_period()
        board = reporting.review_board(self.request.user, year, quarter, local_today())
        deadline_form = deadline_form or DeadlineForm(initial={"year": year, "quarter": quarter, "due_date": board.due})
        return super().get_context_data(
            board=board,
            owed=reporting.owed_quarters(self.request.user, local_today()),
            years=sorted(plan_years(government_of(self.request.user)) or [year], reverse=True),
            can_review=can_review_reports(self.request.user),
            deadline_form=deadline_form,
            **kwargs,
        )


class BulkApproveView(View):
    def post(self, request):
        ids = [pk for pk in map(whole_in_range, request.POST.getlist("report")) if pk is not None]
        visible = list(QuarterlyReport.objects.visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
        result = services.report_bulk_approve(report_ids=visible, user=request.user)
        if result.approved:
            messages.success(request, _("%(count)d건을 승인했습니다.") % {"count": len(result.approved)})
        for report_id, reason in result.refused:
            report = QuarterlyReport.objects.get(pk=report_id)
            messages.warning(request, f"{report.department}: {reason}")
        if not ids:
            messages.info(request, _("승인할 보고를 선택하세요."))
        period = period_from_text(request.POST.get("year"), request.POST.get("quarter"))
        if period is not None:
            return redirect(f"{reverse('performance:board')}?year={period[0]}&quarter={period[1]}")
        return redirect("performance:board")


class DeadlineView(View):
    """POST: the lead department changes a quarter's deadline."""

    def post(self, request):
        if not can_review_reports(request.user):
            raise PermissionDenied(services.NOT_REVIEWER)
        form = DeadlineForm(request.POST)
        if not form.is_valid():
            if "year" in form.errors or "quarter" in form.errors:  # a tampered form: no board to show it on
                messages.error(request, _("기한을 바꿀 분기를 알 수 없습니다. 검토 현황에서 다시 시도하세요."))
                return redirect("performance:board")
            # The board of that quarter again, the date kept with its error right below it (KWCAG 2.2).
            board = ReviewBoardView()
            board.setup(request)
            period = (form.cleaned_data["year"], form.cleaned_data["quarter"])
            return board.render_to_response(board.get_context_data(deadline_form=form, period=period), status=400)
        data = form.cleaned_data
        services.deadline_set(
            government=government_of(request.user),
            year=data["year"],
            quarter=data["quarter"],
            due_date=data["due_date"],
            user=request.user,
        )
        messages.success(request, _("제출 기한을 바꾸었습니다."))
        return redirect(f"{reverse('performance:board')}?year={data['year']}&quarter={data['quarter']}")
