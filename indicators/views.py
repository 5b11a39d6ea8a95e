"""/indicators/: everyone signed in reads the term's indicator targets and results; the lead department sets the
targets, enters a half-year's results, or imports a KOSIS file. Views pick the objects and call the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from audit.models import AccessLog
from performance.access import can_edit_indicators, government_of
from performance.models import LocalGovernment, TermPlan, YearPlan
from performance.validation import whole_in_range, year_from_query, year_from_text

from . import services
from .forms import IndicatorResultForm, IndicatorTargetsForm, KosisImportForm
from .history import indicator_changes, latest_change
from .kosis import KosisFileError, read_kosis_csv
from .models import IndicatorResult, IndicatorTarget
from .selectors import INDICATORS, indicator_board, term_for_year
from .services import ResultInput
from .values import Half, figure, half_label, label_with_unit


class IndicatorMixin:
    """The person's local government and the term asked for (?term=, default: the term of the default year)."""

    def setup_term(self, request):
        government_id = government_of(request.user)
        self.government = LocalGovernment.objects.filter(pk=government_id).first()
        if self.government is None:
            raise Http404("no local government")
        self.today = timezone.localdate()
        raw = request.GET.get("term") or request.POST.get("term")
        if raw:
            pk = whole_in_range(raw, 1)
            self.term = TermPlan.objects.filter(pk=pk, local_government=self.government).first() if pk else None
            if self.term is None:
                raise Http404("no such term")
        else:
            self.term = term_for_year(self.government.pk, None, self.today)

    def page_url(self) -> str:
        url = reverse("indicators:index")
        return f"{url}?term={self.term.pk}" if self.term else url


class EditorMixin(IndicatorMixin):
    def dispatch(self, request, *args, **kwargs):
        if not can_edit_indicators(request.user):
            raise PermissionDenied(services.NOT_ALLOWED)
        self.setup_term(request)
        return super().dispatch(request, *args, **kwargs)


class IndicatorsView(IndicatorMixin, TemplateView):
    """The term's targets against its results, half-year by half-year, and the latest changes."""

    template_name = "indicators/index.html"
    access_log = AccessLog.Kind.PERSONAL  # the history names who changed each figure

    def get_context_data(self, **kwargs):
        self.setup_term(self.request)
        return super().get_context_data(
            board=indicator_board(self.term, self.today) if self.term else None,
            terms=TermPlan.objects.filter(local_government=self.government),
            editable=can_edit_indicators(self.request.user),
            changes=indicator_changes(self.government.pk),
            **kwargs,
        )


class IndicatorTargetsView(EditorMixin, TemplateView):
    template_name = "indicators/targets.html"

    def form(self, data=None):
        if self.term is None:
            raise Http404("no term plan")
        plans = [(self.term, _("%(term)s 임기") % {"term": self.term.name})]
        plans += [(plan, _("%(year)s년") % {"year": plan.year}) for plan in YearPlan.objects.filter(term=self.term)]
        stored = {}
        targets = IndicatorTarget.objects.filter(Q(term=self.term) | Q(year_plan__term=self.term))
        for target in targets.filter(local_government=self.government):
            plan = (
                self.term
                if target.term_id == self.term.pk
                else next((p for p, _label in plans[1:] if p.pk == target.year_plan_id), None)
            )
            if plan is not None:
                stored[(plan, target.indicator)] = target
        seen = latest_change(self.government.pk, IndicatorTarget)
        return IndicatorTargetsForm(data, plans=plans, targets=stored, seen=seen)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(term=self.term, page_url=self.page_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            changed = services.indicator_targets_save(
                government=self.government,
                term=self.term,
                values=form.values(),
                user=request.user,
                seen=form.cleaned_data["seen"],
                reason=form.cleaned_data["reason"],
            )
        except services.Stale as stale:
            return self.render_to_response(self.get_context_data(form=form, stale=stale.changes), status=409)
        except services.Refused as refused:
            form.add_error("reason", refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        _done(request, changed)
        return redirect(self.page_url())


class IndicatorResultView(EditorMixin, TemplateView):
    """One half-year's 고용률 and 취업자 수 (?year=&half=), entered by hand with source and publication date."""

    template_name = "indicators/result.html"

    def form(self, data=None):
        # The page's ?year= is read as every page reads it (404 for a year that is none); a posted year is the form's
        # own field, checked by the form.
        year = year_from_text(data.get("year", "")) if data else year_from_query(self.request.GET)
        year = year or self.today.year
        half = whole_in_range((data or self.request.GET).get("half", ""), 1, 2) or Half.FIRST
        current = {
            r.indicator: r
            for r in IndicatorResult.objects.filter(local_government=self.government, year=year, half=half)
        }
        seen = latest_change(self.government.pk, IndicatorResult)
        form = IndicatorResultForm(data, current=current, seen=seen, initial={"year": year, "half": half})
        form.period = half_label(year, half)
        return form

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(page_url=self.page_url(), indicators=INDICATORS, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            changed = services.indicator_results_save(
                government=self.government,
                values=form.values(),
                user=request.user,
                seen=form.cleaned_data["seen"],
                reason=form.cleaned_data["reason"],
                today=self.today,
            )
        except services.Stale as stale:
            return self.render_to_response(self.get_context_data(form=form, stale=stale.changes), status=409)
        except services.Refused as refused:
            form.add_error("reason", refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        _done(request, changed)
        return redirect(self.page_url())


class KosisImportView(EditorMixin, TemplateView):
    """A KOSIS CSV: every half-year figure of the government's region, previewed (old → new) or saved all or nothing."""

    template_name = "indicators/import.html"

    def get_context_data(self, **kwargs):
        seen = latest_change(self.government.pk, IndicatorResult)
        kwargs.setdefault("form", KosisImportForm(initial={"seen": seen}))
        return super().get_context_data(page_url=self.page_url(), government=self.government, **kwargs)

    def post(self, request, *args, **kwargs):
        form = KosisImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            figures = read_kosis_csv(data["file"].read(), self.government.name, self.today)
        except KosisFileError as refused:
            return self.render_to_response(self.get_context_data(form=form, file_errors=refused.errors), status=400)
        values = {
            (f.indicator, f.year, f.half): ResultInput(f.value, data["source"].strip(), data["published_on"])
            for f in figures
        }
        if data["preview"]:
            return self.render_to_response(self.get_context_data(form=form, preview=self.preview(values)))
        try:
            changed = services.indicator_results_save(
                government=self.government,
                values=values,
                user=request.user,
                seen=data["seen"],
                reason=data["reason"],
                today=self.today,
            )
        except services.Stale as stale:
            return self.render_to_response(self.get_context_data(form=form, stale=stale.changes), status=409)
        except services.Refused as refused:
            return self.render_to_response(self.get_context_data(form=form, file_errors=[refused.message]), status=400)
        _done(request, changed)
        return redirect(self.page_url())

    def preview(self, values: dict) -> list[tuple[str, str, str, str]]:
        """(period, indicator, old, new) of every figure the file would change."""
        stored = {
            (r.indicator, r.year, r.half): r.value
            for r in IndicatorResult.objects.filter(local_government=self.government)
        }
        rows = []
        for (indicator, year, half), wanted in sorted(values.items(), key=lambda item: (item[0][1], item[0][2])):
            old = stored.get((indicator, year, half))
            if old != wanted.value:
                new = figure(wanted.value, indicator)
                rows.append((half_label(year, half), label_with_unit(indicator), figure(old, indicator), new))
        return rows


def _done(request, changed: int) -> None:
    if changed:
        messages.success(request, _("고용지표 %(count)d건을 바꾸었습니다.") % {"count": changed})
    else:
        messages.info(request, _("바뀐 값이 없습니다. 아무것도 저장하지 않았습니다."))
