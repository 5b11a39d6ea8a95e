"""The Excel template and its upload: download pre-filled, preview the changes, confirm all or nothing."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .. import excel, imports
from ..forms import UploadForm
from ..models import Department
from ..services import ReportError
from ..validation import period_from_text, whole_in_range

XLSX = excel.XLSX_MIMETYPE


class TemplateDownloadView(View):
    """The quarter's Excel template, pre-filled: one department (?department=) or all the person may see."""

    def get(self, request):
        period = period_from_text(request.GET.get("year"), request.GET.get("quarter"))
        if period is None:
            raise Http404("bad period")
        year, quarter = period
        departments = (
            Department.objects.visible_to(request.user)
            .filter(programmes__is_active=True, programmes__year_plan__year=year)
            .distinct()
        )
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
