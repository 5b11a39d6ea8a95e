"""Quarterly reporting screens. Views pick the objects the person may see, hand the input to a form
and a service, and render; they hold no rule of their own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django_tables2 import LazyPaginator, RequestConfig

from audit.models import AccessLog

from . import excel, imports, reporting, services, targets
from .access import can_enter_results, can_review, own_department
from .forms import DeadlineForm, ReasonForm, ResultEntryForm, TargetsForm, UploadForm, VersionForm
from .lists import ApprovedLineFilter, ApprovedLineTable, approved_lines_for
from .models import Department, Notice, Pledge, QuarterlyReport
from .periods import deadline, reporting_period
from .services import ReportError, StaleReport, WarningsNotAcknowledged
from .validation import entry_warnings, whole_in_range, year_from_text

XLSX = excel.XLSX_MIMETYPE


def _today():
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
        year, quarter = reporting_period(_today())
        due = deadline(year, quarter)
        current = QuarterlyReport.objects.filter(department=department, year=year, quarter=quarter).first()
        return super().get_context_data(
            department=department,
            year=year,
            quarter=quarter,
            due=due,
            days_left=(due - _today()).days,
            days_overdue=(_today() - due).days,
            current=current,
            reports=reporting.department_reports(department),
            returned=reporting.returned_reports(department),
            can_review=can_review(self.request.user),
            **kwargs,
        )


class ResultEntryView(TemplateView):
    """The entry form for a department × year × quarter: save as draft, or submit."""

    template_name = "performance/entry.html"

    def dispatch(self, request, *args, **kwargs):
        self.department = get_object_or_404(Department.objects.visible_to(request.user), pk=kwargs["department"])
        self.year, self.quarter = kwargs["year"], kwargs["quarter"]
        if not 1 <= self.quarter <= 4 or not 2000 <= self.year <= 2100:
            raise Http404("no such quarter")
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
            due=deadline(self.year, self.quarter),
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
            can_review=can_review(self.request.user),
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
        if not can_review(request.user):
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


class ReviewBoardView(TemplateView):
    """Every department × a quarter: who has submitted, who is late, completeness and timeliness."""

    template_name = "performance/board.html"

    def get_period(self) -> tuple[int, int]:
        """?year=&quarter= (default: the quarter being reported); a refused deadline form passes its own."""
        year, quarter = reporting_period(_today())
        year = year_from_text(self.request.GET.get("year", year))
        quarter = whole_in_range(self.request.GET.get("quarter", quarter), 1, 4)
        if year is None or quarter is None:
            raise Http404("bad period")
        return year, quarter

    def get_context_data(self, deadline_form=None, **kwargs):
        year, quarter = self.get_period()
        board = reporting.review_board(self.request.user, year, quarter, _today())
        deadline_form = deadline_form or DeadlineForm(initial={"year": year, "quarter": quarter, "due_date": board.due})
        return super().get_context_data(
            board=board,
            years=range(_today().year, 2017, -1),
            can_review=can_review(self.request.user),
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
        period = {key: request.POST.get(key, "") for key in ("year", "quarter")}
        if year_from_text(period["year"]) and whole_in_range(period["quarter"], 1, 4):
            return redirect(f"{reverse('performance:board')}?year={period['year']}&quarter={period['quarter']}")
        return redirect("performance:board")


class NoticeListView(TemplateView):
    """The notices sent to departments (the person's own, or all for the lead department and managers)."""

    template_name = "performance/notices.html"
    access_log = AccessLog.Kind.PERSONAL  # recipients' addresses

    def get_context_data(self, **kwargs):
        notices = Notice.objects.visible_to(self.request.user).select_related("department")[:300]
        return super().get_context_data(notices=notices, **kwargs)


class DeadlineView(View):
    """POST: the lead department changes a quarter's deadline."""

    def post(self, request):
        if not can_review(request.user):
            raise PermissionDenied(services.NOT_REVIEWER)
        form = DeadlineForm(request.POST)
        if not form.is_valid():
            if "year" in form.errors or "quarter" in form.errors:  # a tampered form: no board to show it on
                messages.error(request, _("기한을 바꿀 분기를 알 수 없습니다. 검토 현황에서 다시 시도하세요."))
                return redirect("performance:board")
            # The board of that quarter again, the date kept with its error right below it (KWCAG 2.2).
            board = ReviewBoardView()
            board.setup(request)
            board.get_period = lambda: (form.cleaned_data["year"], form.cleaned_data["quarter"])
            return board.render_to_response(board.get_context_data(deadline_form=form), status=400)
        data = form.cleaned_data
        services.deadline_set(year=data["year"], quarter=data["quarter"], due_date=data["due_date"], user=request.user)
        messages.success(request, _("제출 기한을 바꾸었습니다."))
        return redirect(f"{reverse('performance:board')}?year={data['year']}&quarter={data['quarter']}")


class TemplateDownloadView(View):
    """The quarter's Excel template, pre-filled: one department (?department=) or all the person may see."""

    def get(self, request):
        try:
            year, quarter = int(request.GET["year"]), int(request.GET["quarter"])
        except (KeyError, ValueError):
            raise Http404("year and quarter") from None
        if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
            raise Http404("bad period")
        departments = Department.objects.visible_to(request.user).filter(programmes__is_active=True).distinct()
        department = whole_in_range(request.GET.get("department"))
        if department is not None:
            departments = departments.filter(pk=department)
        departments = list(departments.order_by("sort_order"))
        if not departments:
            raise Http404("no department")
        content = imports.results_template(departments, year, quarter)
        name = departments[0].name if len(departments) == 1 else _("전체부서")
        filename = _("일자리실적_%(year)s년%(quarter)s분기_%(name)s.xlsx") % {
            "year": year,
            "quarter": quarter,
            "name": name,
        }
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response


class ImportView(TemplateView):
    """Upload a filled template: first a dry-run preview (old → new), then saving on confirmation."""

    template_name = "performance/import.html"
    session_key = "results_import"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        return super().get_context_data(max_mb=excel.MAX_UPLOAD_BYTES // (1024 * 1024), **kwargs)

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if upload.size > excel.MAX_UPLOAD_BYTES:
            form.add_error("file", _("파일이 너무 큽니다(%(mb)sMB까지).") % {"mb": excel.MAX_UPLOAD_BYTES // 2**20})
            return self.render_to_response(self.get_context_data(form=form))
        plan = imports.plan_import(upload.read(), upload.name, request.user)
        if plan.ok and plan.reports:
            request.session[self.session_key] = plan.to_session()
        return self.render_to_response(self.get_context_data(plan=plan, filename=upload.name))


class ImportConfirmView(View):
    def post(self, request):
        session_plan = request.session.pop(ImportView.session_key, None)
        if session_plan is None:
            messages.error(request, _("확인할 파일이 없습니다. 파일을 다시 올려 주세요."))
            return redirect("performance:import")
        try:
            saved = imports.apply_import(session_plan, request.user)
        except ReportError as refused:
            messages.error(request, refused.message + " " + _("아무것도 저장하지 않았습니다. 파일을 다시 올려 주세요."))
            return redirect("performance:import")
        messages.success(
            request, _("보고 %(count)d건을 임시 저장했습니다. 확인한 뒤 제출하세요.") % {"count": len(saved)}
        )
        if len(saved) == 1:
            return redirect(
                "performance:entry", department=saved[0].department_id, year=saved[0].year, quarter=saved[0].quarter
            )
        return redirect(f"{reverse('performance:board')}?year={session_plan['year']}&quarter={session_plan['quarter']}")


class DepartmentReportsView(TemplateView):
    """One department's reports, newest first: where a dashboard figure comes from."""

    template_name = "performance/department.html"

    def get_context_data(self, **kwargs):
        department = get_object_or_404(Department.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        return super().get_context_data(
            department=department, reports=reporting.department_reports(department, limit=60), **kwargs
        )


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
        self.pledge = get_object_or_404(Pledge, code=kwargs["code"])
        self.year = year_from_text(request.GET.get("year") or _today().year)
        if self.year is None:
            raise Http404("no such year")
        return super().dispatch(request, *args, **kwargs)

    def sheet(self):
        return targets.target_sheet(self.pledge, self.year, self.request.user)

    def get_context_data(self, **kwargs):
        sheet = kwargs.pop("sheet", None) or self.sheet()
        editable = targets.can_set_targets(self.request.user)
        kwargs.setdefault("form", TargetsForm(sheet=sheet) if editable else None)
        return super().get_context_data(
            pledge=self.pledge,
            sheet=sheet,
            editable=editable,
            years=range(self.year - 3, self.year + 4),
            changes=targets.target_changes(self.pledge, self.year, limit=20),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not targets.can_set_targets(request.user):
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
        messages.success(request, _("연간 목표 %(count)d건을 바꾸었습니다.") % {"count": changed})
        return redirect(f"{reverse('performance:targets', args=[self.pledge.code])}?year={self.year}")
