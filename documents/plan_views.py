"""The yearly plan's documents on screen: a page per plan listing its three documents with a download per format
(the lead department and managers), the downloads themselves, and the public downloads of the published 공시
documents. Views pick the plan and the kind from the registry and pass the file on; they compute nothing."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from audit.models import AccessLog
from performance.access import can_edit_plans, can_read_official_documents
from performance.models import YearPlan
from performance.plans import user_government

from .base import DocumentUnavailable
from .plan_parts import is_public, public_plans
from .registry import KINDS
from .views import exported_attachment

NOT_ALLOWED = _("연차별 계획의 공시 문서는 일자리창출과와 관리자만 내려받을 수 있습니다.")
FORMAT_LABELS = {"pdf": "PDF", "xlsx": "Excel(xlsx)", "hwpx": "한글(HWPX)"}


def plan_kinds():
    return [kind for kind in KINDS.values() if kind.subject == "plan"]


def _render(plan: YearPlan, slug: str, suffix: str) -> HttpResponse:
    kind = KINDS.get(slug)
    if kind is None or kind.subject != "plan" or suffix not in kind.renderers:
        raise Http404("no such document")
    try:
        document = kind.build(plan, plan.year, None)
    except DocumentUnavailable as refused:
        raise Http404(refused.message) from None
    return exported_attachment(kind.renderers[suffix](document))


class PlanMixin:
    """The person's government's plan of the URL's year; the lead department and managers only."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not can_read_official_documents(request.user):
                raise PermissionDenied(NOT_ALLOWED)
            government = user_government(request.user)
            self.plan = get_object_or_404(
                YearPlan.objects.select_related("term", "local_government"),
                local_government=government,
                year=kwargs["year"],
            )
        return super().dispatch(request, *args, **kwargs)


class PlanDocumentsView(PlanMixin, TemplateView):
    """연차별 세부계획 · 추진실적 공시 · 추진실적 보고서 of one yearly plan, each in PDF, xlsx and HWPX."""

    template_name = "documents/plan_documents.html"

    def get_context_data(self, **kwargs):
        kinds = [
            (
                kind,
                [(suffix, FORMAT_LABELS.get(suffix, suffix)) for suffix in kind.renderers],
                is_public(self.plan, kind.slug),
            )
            for kind in plan_kinds()
        ]
        return super().get_context_data(
            plan=self.plan, kinds=kinds, editable=can_edit_plans(self.request.user), **kwargs
        )


class PlanDocumentDownloadView(PlanMixin, View):
    access_log = AccessLog.Kind.EXPORT

    def get(self, request, year, slug, suffix):
        return _render(self.plan, slug, suffix)


@method_decorator(login_not_required, name="dispatch")
class PublicPlanDocumentView(View):
    """A published 공시 document for anyone (`plan_parts.is_public`): the plan notice of a published plan, the
    results notice after its year. Anything else is 404, as if it did not exist."""

    def get(self, request, government, year, slug, suffix):
        plan = get_object_or_404(
            YearPlan.objects.select_related("term", "local_government"), local_government__code=government, year=year
        )
        if not is_public(plan, slug):
            raise Http404("not published")
        return _render(plan, slug, suffix)


def public_listing(government_id: int) -> list[tuple[YearPlan, list]]:
    """For the public page: each published plan, newest first, with its public documents and their formats."""
    return [
        (plan, [(KINDS[slug], [(s, FORMAT_LABELS.get(s, s)) for s in KINDS[slug].renderers]) for slug in slugs])
        for plan, slugs in public_plans(government_id)
    ]
