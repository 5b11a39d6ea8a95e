"""A department's quarter: its page, the entry form, one report, its history and review actions, notices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from audit.models import AccessLog

from .. import reporting, services
from ..access import can_enter_results, can_review_reports, own_department
from ..forms import ReasonForm, ResultEntryForm, VersionForm
from ..models import Department, Notice, QuarterlyReport
from ..periods import deadline, reporting_period
from ..plans import period_refusal, reporting_default
from ..services import ReportError, StaleReport, WarningsNotAcknowledged
from ..validation import entry_warnings, period_from_text


def local_today():
    return timezone.localdate()


class MyDepartmentView(TemplateView):
    """A department's home: this quarter's report, its deadline, what was returned and why."""

    template_name = "performance/my_department.html"

    def get(self, request, *args, **kwargs):
        if own_department(request.user) is None:
            return redirect("performance:board")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        department = own_department(self.request.user)
        todo = reporting.unreported_quarters(department, local_today())
        year, quarter = reporting_default(department.local_government_id, local_today()) or reporting_period(
            local_today()
        )
        due = deadline(department.local_government_id, year, quarter)
        current = QuarterlyReport.objects.filter(department=department, year=year, quarter=quarter).first()
        return super().get_context_data(
            department=department,
            year=year,
            quarter=quarter,
            due=due,
            days_left=(due - local_today()).days,
            days_overdue=(local_today() - due).days,
            current=current,
            todo=todo,
            reports=reporting.department_reports(department),
            returned=reporting.returned_reports(department),
            can_review=can_review_reports(self.request.user),
            **kwargs,
        )


class ResultEntryView(TemplateView):
    """The entry form for a department × year × quarter: save as draft, or submit."""

    template_name = "performance/entry.html"

    def dispatch(self, request, *args, **kwargs):
        self.department = get_object_or_404(Department.objects.visible_to(request.user), pk=kwargs["department"])
        self.year, self.quarter = kwargs["year"], kwargs["quarter"]
        if period_from_text(self.year, self.quarter) is None:
            raise Http404("no such quarter")
        refusal = period_refusal(self.department.local_government_id, self.year, self.quarter, local_today())
        if refusal:  # a quarter that has not ended, or a year without a plan: said, and back to the to-do list
            messages.error(request, refusal)
            return redirect("performance:mine" if own_department(request.user) else "performance:board")
        self.report = QuarterlyReport.objects.filter(
            department=self.department, year=self.year, quarter=self.quarter
        ).first()
        if not can_enter_results(request.user, self.department) or (
            self.report and self.report.status not in services.EDITABLE
        ):
            if self.report:
                return redirect("performance:report", pk=self.report.pk)
            raise PermissionDenied(services.NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        rows = reporting.entry_rows(self.department, self.year, self.quarter, self.report)
        version = self.report.version if self.report else 0
        return ResultEntryForm(data, rows=rows, initial={"version": version})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        kwargs.update(
            department=self.department,
            year=self.year,
            quarter=self.quarter,
            report=self.report,
            due=deadline(self.department.local_government_id, self.year, self.quarter),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("입력값을 확인하세요. 아무것도 저장하지 않았습니다."))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = services.report_save_lines(
                department=self.department,
                year=self.year,
                quarter=self.quarter,
                lines=form.line_inputs(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
            if "submit" in request.POST:
                services.report_submit(
                    report_id=report.pk,
                    user=request.user,
                    expected_version=report.version,
                    acknowledged=form.cleaned_data["acknowledge"],
                )
                messages.success(request, _("제출했습니다. 일자리창출과의 검토를 기다립니다."))
                return redirect("performance:report", pk=report.pk)
        except WarningsNotAcknowledged as refused:
            messages.warning(request, _("임시 저장했습니다. ") + refused.message)
            self.report = QuarterlyReport.objects.get(pk=report.pk)
            return self.render_to_response(self.get_context_data(form=self.form(), warnings=refused.warnings))
        except StaleReport as refused:
            return self._refused(request, refused.message, refused.changes, form)
        except ReportError as refused:
            return self._refused(request, refused.message, [], form)
        messages.success(request, _("임시 저장했습니다."))
        return redirect(request.path)

    def _refused(self, request, message, changes, form):
        messages.error(request, message)
        self.report = QuarterlyReport.objects.filter(
            department=self.department, year=self.year, quarter=self.quarter
        ).first()
        return self.render_to_response(self.get_context_data(form=form, changes=changes, stale=True))


class ReportMixin:
    def get_report(self) -> QuarterlyReport:
        queryset = QuarterlyReport.objects.visible_to(self.request.user).select_related("department")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class ReportDetailView(ReportMixin, TemplateView):
    """A report against the previous quarter and the same quarter last year, with the review actions."""

    access_log = AccessLog.Kind.PERSONAL  # who submitted and who reviewed
    template_name = "performance/report.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        values = dict(report.lines.values_list("programme_id", "jobs"))
        return super().get_context_data(
            report=report,
            rows=reporting.report_comparison(report),
            total=sum(v or 0 for v in values.values()),
            warnings=entry_warnings(report.department, report.year, report.quarter, values)
            if report.status == QuarterlyReport.Status.SUBMITTED
            else [],
            review_is_current=report.status in reporting.DECIDED,
            earlier_review=reporting.earlier_review(report),
            can_review=can_review_reports(self.request.user),
            can_edit=can_enter_results(self.request.user, report.department) and report.status in services.EDITABLE,
            reason_form=kwargs.pop("reason_form", None) or ReasonForm(initial={"version": report.version}),
            **kwargs,
        )


class ReportHistoryView(ReportMixin, TemplateView):
    access_log = AccessLog.Kind.PERSONAL  # who changed what
    template_name = "performance/history.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        return super().get_context_data(report=report, entries=reporting.report_history(report), **kwargs)


class ReportActionView(ReportMixin, View):
    """POST only: approve, return or reopen a report."""

    actions = ("approve", "return", "reopen")

    def post(self, request, pk, action):
        if action not in self.actions:
            raise Http404("unknown action")
        report = self.get_report()
        if not can_review_reports(request.user):
            raise PermissionDenied(services.NOT_REVIEWER)
        form = (VersionForm if action == "approve" else ReasonForm)(request.POST)
        if not form.is_valid() and action != "approve":
            # The report again, its reason field keeping what was typed with the error right below it (KWCAG 2.2).
            detail = ReportDetailView()
            detail.setup(request, pk=pk)
            return detail.render_to_response(detail.get_context_data(reason_form=form), status=400)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("performance:report", pk=report.pk)
        arguments = {"report_id": report.pk, "user": request.user, "expected_version": form.cleaned_data["version"]}
        if action != "approve":
            arguments["reason"] = form.cleaned_data["reason"]
        done = {"approve": _("승인했습니다."), "return": _("반려했습니다."), "reopen": _("재개했습니다.")}
        try:
            getattr(services, f"report_{action}")(**arguments)
            messages.success(request, done[action])
        except ReportError as refused:
            messages.error(request, refused.message)
        return redirect("performance:report", pk=report.pk)


class NoticeListView(TemplateView):
    """The notices sent to departments (the person's own, or all for the lead department and managers)."""

    template_name = "performance/notices.html"
    access_log = AccessLog.Kind.PERSONAL  # recipients' addresses

    limit = 300

    def get_context_data(self, **kwargs):
        notices = list(Notice.objects.visible_to(self.request.user).select_related("department")[: self.limit + 1])
        return super().get_context_data(notices=notices[: self.limit], more=len(notices) > self.limit, **kwargs)


class DepartmentReportsView(TemplateView):
    """One department's reports, newest first: where a dashboard figure comes from."""

    template_name = "performance/department.html"

    def get_context_data(self, **kwargs):
        department = get_object_or_404(Department.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        return super().get_context_data(
            department=department, reports=reporting.department_reports(department, limit=60), **kwargs
        )
