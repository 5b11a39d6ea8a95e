"""추진실적 보고서 작성 (/plans/<year>/evaluation/): the lead department writes the results report's four sections and
the evidence they cite; managers read them; every saved version stays readable below the form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from audit.models import AccessLog

from .. import plan_services
from ..access import sees_all_departments
from ..evaluation_forms import EvaluationForm
from ..evaluation_services import (
    StaleEvaluation,
    evaluation_history,
    evaluation_of,
    evaluation_save,
    evidence_text,
)
from ..models import EVALUATION_SECTIONS
from .plans import YearPlanMixin


class EvaluationView(YearPlanMixin, TemplateView):
    template_name = "plans/evaluation.html"
    access_log = AccessLog.Kind.PERSONAL  # the history names who wrote what

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not sees_all_departments(request.user):
            raise PermissionDenied(plan_services.NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        report = evaluation_of(self.plan)
        if "form" not in kwargs and self.editable:
            initial = {"version": report.version if report else 0, "evidence": evidence_text(report)}
            initial |= {name: getattr(report, name) if report else "" for name in EVALUATION_SECTIONS}
            kwargs["form"] = EvaluationForm(initial=initial)
        written = [(label, getattr(report, name) if report else "") for name, label in EVALUATION_SECTIONS.items()]
        return super().get_context_data(
            plan=self.plan,
            report=report,
            written=written,
            evidence=list(report.evidence.all()) if report else [],
            history=evaluation_history(report),
            editable=self.editable,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            evaluation_save(
                user=request.user,
                year_plan=self.plan,
                version=form.cleaned_data["version"],
                sections=form.sections(),
                evidence=form.cleaned_data["evidence"],
            )
        except plan_services.PlanRefused as refused:
            form.add_error(None, refused.message)
            status = 409 if isinstance(refused, StaleEvaluation) else 400
            return self.render_to_response(self.get_context_data(form=form), status=status)
        messages.success(request, _("%(year)s년 추진실적 보고서 내용을 저장했습니다.") % {"year": self.plan.year})
        return redirect("plans:evaluation", self.plan.year)
