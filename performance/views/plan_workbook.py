"""The yearly plan as one Excel workbook: download it, upload it back with a dry-run diff, confirm with a reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from audit.models import AccessLog

from .. import excel, plan_import
from ..access import can_edit_plans, can_read_official_documents
from ..forms import UploadForm
from ..plan_workbook import plan_workbook

NO_FILE = gettext_lazy("확인할 파일이 없습니다. 파일을 다시 올려 주세요.")


class PlanUploadForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("세부계획 파일(.xlsx)"),
        error_messages={"required": gettext_lazy("올릴 파일을 선택하세요."), "empty": gettext_lazy("빈 파일입니다.")},
    )


class PlanConfirmForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("바꾼 사유"),
        max_length=300,
        error_messages={"required": plan_import.REASON_REQUIRED},
    )


class YearPlanMixin:
    """The year's plan of the person's government (404 without one); `allowed` says who may go on (403)."""

    def allowed(self, user) -> bool:
        return can_edit_plans(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied(plan_import.NOT_ALLOWED)
        self.year_plan = plan_import.year_plan_for(request.user, kwargs["year"])
        if self.year_plan is None:
            raise Http404("no plan for that year")
        return super().dispatch(request, *args, **kwargs)

    def session_key(self) -> str:
        return f"plan_import:{self.year_plan.pk}"


class PlanWorkbookView(YearPlanMixin, View):
    """The whole yearly plan as .xlsx: the lead department and managers (it lists every department's rows)."""

    access_log = AccessLog.Kind.EXPORT

    def allowed(self, user) -> bool:
        return can_read_official_documents(user)

    def get(self, request, *args, **kwargs):
        response = HttpResponse(plan_workbook(self.year_plan), content_type=excel.XLSX_MIMETYPE)
        filename = _("%(year)s년_일자리_세부계획.xlsx") % {"year": self.year_plan.year}
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response


class PlanImportView(YearPlanMixin, TemplateView):
    """Upload a plan: first the diff (added, changed, moved, removed), then confirming with a reason."""

    template_name = "plans/workbook_import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PlanUploadForm())
        return super().get_context_data(
            year_plan=self.year_plan, max_mb=excel.MAX_UPLOAD_BYTES // 2**20, unit="", **kwargs
        )

    def post(self, request, *args, **kwargs):
        request.session.pop(self.session_key(), None)
        form = PlanUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        if upload.size > excel.MAX_UPLOAD_BYTES:
            form.add_error("file", _("파일이 너무 큽니다(%(mb)sMB까지).") % {"mb": excel.MAX_UPLOAD_BYTES // 2**20})
            return self.render_to_response(self.get_context_data(form=form), status=400)
        result = plan_import.plan_import_preview(
            year_plan=self.year_plan, data=upload.read(), filename=upload.name, user=request.user
        )
        if result.ok and result.changes:
            request.session[self.session_key()] = result.to_session()
        context = self.get_context_data(
            result=result, filename=upload.name, confirm_form=PlanConfirmForm() if result.changes else None
        )
        return self.render_to_response(context, status=200 if result.ok else 400)


class PlanImportConfirmView(YearPlanMixin, View):
    """Save the previewed import: all of it or nothing, with the reason typed here."""

    def post(self, request, *args, **kwargs):
        session_plan = request.session.get(self.session_key())
        if session_plan is None:
            messages.error(request, NO_FILE)
            return redirect("plan_workbook:import", year=self.year_plan.year)
        form = PlanConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, plan_import.REASON_REQUIRED)
            return redirect("plan_workbook:import", year=self.year_plan.year)
        try:
            count = plan_import.plan_import_apply(
                year_plan=self.year_plan,
                session_plan=session_plan,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except plan_import.PlanImportRefused as refused:
            request.session.pop(self.session_key(), None)
            messages.error(request, refused.message)
            for change in refused.changes:  # a stale plan: who changed it since the preview, when and why
                messages.warning(request, change)
            return redirect("plan_workbook:import", year=self.year_plan.year)
        request.session.pop(self.session_key(), None)
        messages.success(
            request,
            _("%(year)s년 세부계획에서 세부사업 %(count)d개를 바꾸었습니다.")
            % {"year": self.year_plan.year, "count": count},
        )
        return redirect("plan_workbook:import", year=self.year_plan.year)
