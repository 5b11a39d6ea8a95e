"""The plan screens (/plans/): term plans and their yearly plans, one year's plan grouped by 전략 and 실천과제 with
its totals, the 세부사업 changes, publication and revision with earlier versions, and pledges with their 세부사업.
Everyone signed in reads (staff: their department's 세부사업); only the lead department changes anything."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from audit.models import AccessLog

from .. import plan_services as services
from ..access import can_edit_plans, own_department, sees_all_departments
from ..models import Pledge, PledgeProgramme, Programme, ProgrammeLineage, YearPlan
from ..plan_forms import (
    DropForm,
    LinkForm,
    PledgeForm,
    ProgrammeForm,
    PublishForm,
    TermPlanForm,
)
from ..plan_results import lineage_years
from ..plans import (
    plan_changes_since,
    plan_diff,
    plan_overview,
    plan_sheet,
    snapshot_budget,
    snapshot_rows,
    user_government,
)


class GovernmentMixin:
    """The person's local government; the lead department alone may POST (and open the edit forms)."""

    edit_only = False
    may_edit = staticmethod(can_edit_plans)  # who may POST here and open the edit forms

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)  # the login middleware answers first
        self.government = user_government(request.user)
        if self.government is None:
            raise Http404("no government")
        self.editable = self.may_edit(request.user)
        if (self.edit_only or request.method == "POST") and not self.editable:
            raise PermissionDenied(services.NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def refused(self, form, error: services.PlanRefused, **context):
        """A refusal: the form again with the Korean reason; 409 for a stale form (with what changed), else 400."""
        stale = getattr(error, "changes", None)
        form.add_error(None, error.message)
        response = self.render_to_response(self.get_context_data(form=form, stale=stale, **context))
        response.status_code = 409 if stale is not None else 400
        return response


class YearPlanMixin(GovernmentMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            government = user_government(request.user)
            self.plan = get_object_or_404(
                YearPlan.objects.select_related("term"), local_government=government, year=kwargs["year"]
            )
        return super().dispatch(request, *args, **kwargs)

    def year_url(self):
        return reverse("plans:year", args=[self.plan.year])


class PlanIndexView(GovernmentMixin, TemplateView):
    """종합계획과 연차별 계획: each term plan with its yearly plans; the lead department makes the next year's plan."""

    template_name = "plans/index.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", TermPlanForm() if self.editable else None)
        return super().get_context_data(terms=plan_overview(self.government), editable=self.editable, **kwargs)

    def post(self, request, *args, **kwargs):
        if "next_year" in request.POST:
            try:
                plan = services.year_plan_create_next(user=request.user, government=self.government)
            except services.PlanRefused as refused:
                messages.error(request, refused.message)
                return redirect("plans:index")
            messages.success(request, _("%(year)s년 계획을 작성 중 상태로 만들었습니다.") % {"year": plan.year})
            return redirect("plans:year", plan.year)
        form = TermPlanForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            term = services.term_plan_create(user=request.user, government=self.government, **form.cleaned_data)
        except services.PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(request, _("종합계획을 만들었습니다: %(name)s") % {"name": term.name})
        return redirect("plans:index")


class YearPlanView(YearPlanMixin, TemplateView):
    """One year's plan in one table grouped by 전략 and 실천과제, its totals by 부문 and 대상, publication and history."""

    template_name = "plans/year.html"
    access_log = AccessLog.Kind.PERSONAL  # the history names who changed what

    def get_context_data(self, **kwargs):
        plan = self.plan
        kwargs.setdefault("publish_form", PublishForm(initial={"version": plan.version}) if self.editable else None)
        return super().get_context_data(
            plan=plan,
            sheet=plan_sheet(plan, self.request.user),
            editable=self.editable,
            editions=plan.editions.order_by("-number"),
            changes=plan_changes_since(plan, limit=20) if sees_all_departments(self.request.user) else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = PublishForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(publish_form=form), status=400)
        data = form.cleaned_data
        try:
            if self.plan.status == YearPlan.Status.DRAFT:
                edition = services.year_plan_publish(
                    user=request.user, year_plan=self.plan, version=data["version"], published_on=data["published_on"]
                )
            else:
                edition = services.year_plan_revise(
                    user=request.user,
                    year_plan=self.plan,
                    version=data["version"],
                    published_on=data["published_on"],
                    reason=data["reason"],
                )
        except services.PlanRefused as refused:
            stale = getattr(refused, "changes", None)
            form.add_error(None, refused.message)
            response = self.render_to_response(self.get_context_data(publish_form=form, stale=stale))
            response.status_code = 409 if stale is not None else 400
            return response
        messages.success(
            request,
            _("%(year)s년 계획 제%(number)s판을 공시했습니다.") % {"year": self.plan.year, "number": edition.number},
        )
        return redirect(self.year_url())


class ProgrammeEditView(YearPlanMixin, TemplateView):
    """Add a 세부사업 to the year's plan (no pk) or change one (pk): lead department only."""

    template_name = "plans/programme_form.html"
    edit_only = True

    def get_programme(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Programme, pk=pk, year_plan=self.plan) if pk else None

    def get_context_data(self, **kwargs):
        programme = self.get_programme()
        if "form" not in kwargs:
            initial = {"version": self.plan.version}
            if programme is not None:
                initial |= {
                    "name": programme.name,
                    "department": programme.department_id,
                    "programme_type": programme.programme_type_id,
                    "target_group": programme.target_group_id,
                    "jobs_target": programme.jobs_target,
                    "task": programme.task_id,
                } | ProgrammeForm.budget_initial(programme)
            kwargs["form"] = ProgrammeForm(initial=initial, plan=self.plan)
        return super().get_context_data(plan=self.plan, programme=programme, **kwargs)

    def post(self, request, *args, **kwargs):
        programme = self.get_programme()
        form = ProgrammeForm(request.POST, plan=self.plan)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        common = {"user": request.user, "version": form.cleaned_data["version"], "reason": form.cleaned_data["reason"]}
        try:
            if programme is None:
                saved = services.programme_add(year_plan=self.plan, **common, budget=form.budget(), **form.values())
            else:
                saved = services.programme_change(programme=programme, **common, budget=form.budget(), **form.values())
        except services.PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(request, _("세부사업을 저장했습니다: %(name)s") % {"name": saved.name})
        return redirect(self.year_url())


class ProgrammeDropView(YearPlanMixin, TemplateView):
    """Take a 세부사업 out of the year's plan, with a reason (refused while it has results of the year)."""

    template_name = "plans/programme_drop.html"
    edit_only = True

    def get_context_data(self, **kwargs):
        programme = get_object_or_404(
            Programme.objects.select_related("department"), pk=self.kwargs["pk"], year_plan=self.plan
        )
        kwargs.setdefault("form", DropForm(initial={"version": self.plan.version}))
        return super().get_context_data(plan=self.plan, programme=programme, **kwargs)

    def post(self, request, *args, **kwargs):
        programme = get_object_or_404(Programme, pk=kwargs["pk"], year_plan=self.plan)
        form = DropForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.programme_drop(user=request.user, programme=programme, **form.cleaned_data)
        except services.PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(request, _("세부사업을 계획에서 뺐습니다: %(name)s") % {"name": programme.name})
        return redirect(self.year_url())


class EditionView(YearPlanMixin, TemplateView):
    """A published version of the year's plan as it was, with its differences from the previous version and from
    the current plan. Staff read their department's rows only."""

    template_name = "plans/edition.html"

    def get_context_data(self, **kwargs):
        edition = get_object_or_404(self.plan.editions, number=self.kwargs["number"])
        previous = self.plan.editions.filter(number__lt=edition.number).order_by("-number").first()
        current = snapshot_rows(self.plan, Programme.objects.visible_to(self.request.user).filter(year_plan=self.plan))
        visible = self._visible
        return super().get_context_data(
            plan=self.plan,
            edition=edition,
            rows=[{**row, "budget": snapshot_budget(row)} for row in visible(edition.rows)],
            previous=previous,
            against_previous=plan_diff(visible(previous.rows), visible(edition.rows)) if previous else None,
            against_current=plan_diff(visible(edition.rows), current),
            **kwargs,
        )

    def _visible(self, rows: list[dict]) -> list[dict]:
        user = self.request.user
        if sees_all_departments(user):
            return rows
        department = own_department(user)
        return [row for row in rows if department is not None and row["department"] == department.name]


class PledgeCreateView(GovernmentMixin, TemplateView):
    """A new pledge with its card's header; next, its 세부사업 of a year."""

    template_name = "plans/pledge_form.html"
    edit_only = True

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PledgeForm(government=self.government))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = PledgeForm(request.POST, government=self.government)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            pledge = services.pledge_create(user=request.user, government=self.government, **form.cleaned_data)
        except services.PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(
            request, _("공약을 등록했습니다(%(code)s). 이제 연도별 세부사업을 고르세요.") % {"code": pledge.code}
        )
        year = (
            YearPlan.objects.filter(local_government=self.government).order_by("-year").values_list("year", flat=True)
        )
        if not year:
            return redirect("plans:index")
        return redirect("plans:pledge-links", pledge.code, year[0])


class PledgeLinksView(GovernmentMixin, TemplateView):
    """The pledge's 세부사업 of a year: a checkbox list of the year's rows by department, marking a 세부사업 that is
    also in another pledge. Those who read every department read it; the lead department changes it."""

    template_name = "plans/pledge_links.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not sees_all_departments(request.user):
            raise PermissionDenied(services.NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self):
        self.pledge = get_object_or_404(Pledge, local_government=self.government, code=self.kwargs["code"])
        self.plan = get_object_or_404(YearPlan, local_government=self.government, year=self.kwargs["year"])
        self.programmes = list(
            Programme.objects.filter(year_plan=self.plan)
            .select_related("department", "programme_type", "target_group")
            .order_by("department__sort_order", "department__name", "sort_order", "name")
        )

    def get_context_data(self, **kwargs):
        links = PledgeProgramme.objects.filter(programme__year_plan=self.plan).select_related("pledge")
        mine, others = set(), {}
        for link in links:
            if link.pledge_id == self.pledge.pk:
                mine.add(link.programme_id)
            else:
                others.setdefault(link.programme_id, []).append(link.pledge.code)
        groups = {}
        for programme in self.programmes:
            groups.setdefault(programme.department, []).append(
                (programme, programme.pk in mine, others.get(programme.pk, []))
            )
        kwargs.setdefault(
            "form", LinkForm(programme_ids=[p.pk for p in self.programmes]) if self.editable_links() else None
        )
        years = (
            YearPlan.objects.filter(local_government=self.government).order_by("year").values_list("year", flat=True)
        )
        return super().get_context_data(
            pledge=self.pledge,
            plan=self.plan,
            groups=list(groups.items()),
            linked=len(mine),
            years=years,
            editable=self.editable_links(),
            **kwargs,
        )

    def editable_links(self):
        return can_edit_plans(self.request.user)

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        form = LinkForm(request.POST, programme_ids=[p.pk for p in self.programmes])
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            added, removed = services.pledge_link_programmes(
                user=request.user,
                pledge=self.pledge,
                year=self.plan.year,
                programme_ids=form.cleaned_data["programmes"],
                reason=form.cleaned_data["reason"],
            )
        except services.PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(
            request,
            _("세부사업 연결 %(added)d건을 더하고 %(removed)d건을 뺐습니다.") % {"added": added, "removed": removed},
        )
        return redirect("plans:pledge-links", self.pledge.code, self.plan.year)


class LineageView(GovernmentMixin, TemplateView):
    """One 세부사업 across the years: each year's department, 부문, 대상, target, budget and approved result with its
    rate. Staff see the years in which it was their department's; another government's lineage is 404."""

    template_name = "plans/lineage.html"

    def get_context_data(self, **kwargs):
        lineage = get_object_or_404(ProgrammeLineage, pk=self.kwargs["pk"], local_government=self.government)
        years = lineage_years(lineage, self.request.user)
        if not years:
            raise Http404("no year of this 세부사업 to show")
        return super().get_context_data(lineage=lineage, years=years, latest=years[-1].programme, **kwargs)
