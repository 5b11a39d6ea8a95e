"""Budget screens. Views pick the pledge, check who may change it, hand the input to a form and a service, and
render; every total comes from `budget_matrix`, every change from `allocations_save`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from audit.models import AccessLog
from performance.access import can_edit_budget
from performance.excel import MAX_UPLOAD_BYTES
from performance.models import Pledge

from . import excel, services
from .exports import budget_xlsx
from .forms import AddYearForm, BudgetGridForm, BudgetUploadForm
from .selectors import budget_history, budget_matrix, budget_version, plan_budget_years
from .services import BudgetError, StaleBudget

REASON_UPLOAD = gettext_lazy("예산 엑셀 올리기")
NOTHING_SAVED = gettext_lazy("아무것도 저장하지 않았습니다.")


class PledgeMixin:
    """Finds the pledge of the person's government by its code (e.g. 지역경제-11)."""

    def get_pledge(self) -> Pledge:
        if not hasattr(self, "_pledge"):
            self._pledge = get_object_or_404(Pledge.objects.visible_to(self.request.user), code=self.kwargs["code"])
        return self._pledge


class LeadOnlyMixin(PledgeMixin):
    """Changing the budget, and the screens that lead to it, are for the lead department only (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_edit_budget(request.user):
            raise PermissionDenied(services.NOT_LEAD)
        return super().dispatch(request, *args, **kwargs)


class BudgetIndexView(TemplateView):
    """The yearly plans' budget by funding source (from their 세부사업) and the pledges whose budget one can open;
    straight to the budget when there is only one pledge and no plan budget."""

    template_name = "budget/index.html"

    def get(self, request, *args, **kwargs):
        pledges = list(Pledge.objects.visible_to(request.user).order_by("code"))
        plan_years = plan_budget_years(request.user)
        if len(pledges) == 1 and not plan_years:
            return redirect("budget:detail", code=pledges[0].code)
        return self.render_to_response(self.get_context_data(pledges=pledges, plan_years=plan_years))


class BudgetView(PledgeMixin, TemplateView):
    """The grid of years × funding sources with every total, rate and warning; everyone signed in reads it."""

    template_name = "budget/budget.html"

    def get_context_data(self, **kwargs):
        pledge = self.get_pledge()
        return super().get_context_data(
            pledge=pledge, matrix=budget_matrix(pledge), can_edit=can_edit_budget(self.request.user), **kwargs
        )


class BudgetEditView(LeadOnlyMixin, TemplateView):
    """The whole grid as one form. Buttons to add a year or a budget line redisplay the form (nothing saved)."""

    template_name = "budget/edit.html"

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.blank_form())
        kwargs.setdefault("year_form", AddYearForm(years=form.years))
        return super().get_context_data(pledge=self.get_pledge(), **kwargs)

    def blank_form(self) -> BudgetGridForm:
        pledge = self.get_pledge()
        return BudgetGridForm(matrix=budget_matrix(pledge), initial={"version": budget_version(pledge)})

    def post(self, request, *args, **kwargs):
        matrix = budget_matrix(self.get_pledge())
        form = BudgetGridForm.from_post(request.POST, matrix=matrix)
        action = request.POST.get("action", "save")
        if action == "add_year" or request.POST.get("new_year", "").strip():
            return self._add_year(request, matrix, form)
        if action == "add_line":
            return self.render_to_response(
                self.get_context_data(form=BudgetGridForm.from_post(request.POST, matrix=matrix, add_line=True))
            )
        if not form.is_valid():
            messages.error(request, _("입력값을 확인하세요. ") + str(NOTHING_SAVED))
            return self.render_to_response(self.get_context_data(form=form))
        return self._save(request, form)

    def _add_year(self, request, matrix, form):
        year_form = AddYearForm(request.POST, years=form.years)
        if year_form.is_valid():
            year = year_form.cleaned_data["new_year"]
            form = BudgetGridForm.from_post(request.POST, matrix=matrix, add_year=year)
            messages.info(request, _("%(year)s년 열을 넣었습니다. 금액을 입력한 뒤 저장하세요.") % {"year": year})
            year_form = AddYearForm(years=form.years)
        return self.render_to_response(self.get_context_data(form=form, year_form=year_form))

    def _save(self, request, form):
        try:
            result = services.allocations_save(
                pledge=self.get_pledge(),
                cells=form.cells(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleBudget as refused:
            messages.error(request, refused.message)
            return self.render_to_response(self.get_context_data(form=form, changes=refused.changes, stale=True))
        except BudgetError as refused:
            messages.error(request, refused.message + " " + str(NOTHING_SAVED))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _saved_message(result))
        return redirect("budget:detail", code=self.get_pledge().code)


def _saved_message(result: services.SaveResult) -> str:
    if not result.changed:
        return _("바뀐 금액이 없어 저장할 것이 없었습니다.")
    return _("저장했습니다: 새 금액 %(created)d칸, 바뀐 금액 %(updated)d칸, 지운 금액 %(deleted)d칸.") % {
        "created": result.created,
        "updated": result.updated,
        "deleted": result.deleted,
    }


class BudgetExportView(PledgeMixin, View):
    """The grid as .xlsx in the card's layout."""

    access_log = AccessLog.Kind.EXPORT

    def get(self, request, *args, **kwargs):
        pledge = self.get_pledge()
        exported = budget_xlsx(budget_matrix(pledge), pledge=pledge)
        response = HttpResponse(exported.content, content_type=exported.mimetype)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=exported.filename)
        return response


class BudgetImportView(LeadOnlyMixin, TemplateView):
    """Upload the grid as .xlsx: first a dry-run preview (old → new), then saving on confirmation."""

    template_name = "budget/import.html"

    def session_key(self) -> str:
        return f"budget_import:{self.get_pledge().pk}"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BudgetUploadForm())
        return super().get_context_data(pledge=self.get_pledge(), max_mb=MAX_UPLOAD_BYTES // 2**20, **kwargs)

    def post(self, request, *args, **kwargs):
        form = BudgetUploadForm(request.POST, request.FILES)
        request.session.pop(self.session_key(), None)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("파일이 너무 큽니다(%(mb)sMB까지).") % {"mb": MAX_UPLOAD_BYTES // 2**20})
            return self.render_to_response(self.get_context_data(form=form))
        plan = excel.plan_budget_import(pledge=self.get_pledge(), data=upload.read(), filename=upload.name)
        if plan.ok and plan.changes:
            request.session[self.session_key()] = plan.to_session()
        return self.render_to_response(self.get_context_data(plan=plan, filename=upload.name))


class BudgetImportConfirmView(LeadOnlyMixin, View):
    def post(self, request, *args, **kwargs):
        pledge = self.get_pledge()
        session_plan = request.session.pop(f"budget_import:{pledge.pk}", None)
        if session_plan is None:
            messages.error(request, _("확인할 파일이 없습니다. 파일을 다시 올려 주세요."))
            return redirect("budget:import", code=pledge.code)
        try:
            result = services.allocations_save(
                pledge=pledge,
                cells=excel.cells_from_session(session_plan),
                user=request.user,
                expected_version=session_plan["version"],
                reason=REASON_UPLOAD,
            )
        except BudgetError as refused:
            changes = getattr(refused, "changes", [])
            text = " ".join([refused.message, *changes, str(NOTHING_SAVED), _("파일을 다시 올려 주세요.")])
            messages.error(request, text)
            return redirect("budget:import", code=pledge.code)
        messages.success(request, _saved_message(result))
        return redirect("budget:detail", code=pledge.code)


class BudgetHistoryView(PledgeMixin, TemplateView):
    """Who changed which figure, when, old → new and why."""

    access_log = AccessLog.Kind.PERSONAL

    template_name = "budget/history.html"

    def get_context_data(self, **kwargs):
        pledge = self.get_pledge()
        return super().get_context_data(pledge=pledge, entries=budget_history(pledge), **kwargs)
