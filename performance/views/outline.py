"""The frame of the plans on screen: the government's 부문 and 대상 lists (everyone signed in reads them) and a year
plan's 추진전략 → 실천과제 (the lead department's page). The lead department adds, renames, orders and deletes; the
rules live in `outline_services`."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import outline_services as services
from ..access import can_edit_lists
from ..models import Task
from ..plan_forms import ListActionForm, ListItemForm, StructureActionForm, StructureForm
from ..plan_services import PlanRefused
from .plans import GovernmentMixin, YearPlanMixin


class ChangeMixin:
    """A POST of these pages: the form checked, the change made by `perform` (a message and the anchor of the row to
    show), then back to the page at that row; a refusal shows the page again with its reason; an id of another
    government or plan is not found."""

    def change(self, form, url: str):
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            message, anchor = self.perform(form.cleaned_data)
        except services.NotFound:
            raise Http404("not an item of this government or plan") from None
        except PlanRefused as refused:
            return self.refused(form, refused)
        messages.success(self.request, message)
        return redirect(f"{url}#{anchor}")


class ListsView(ChangeMixin, GovernmentMixin, TemplateView):
    """부문과 대상: the government's two lists in their order, each item with the 세부사업 using it; the lead department
    adds, renames, orders and deletes items (a reason kept in each item's history; deleting refused while used)."""

    template_name = "plans/lists.html"
    may_edit = staticmethod(can_edit_lists)  # the lead department and the government's administrator

    def get_context_data(self, **kwargs):
        lists = [
            (
                kind,
                services.LIST_LABELS[kind],
                model.objects.filter(local_government=self.government)
                .annotate(used=Count("programmes"))
                .order_by(*model._meta.ordering),  # Django drops Meta.ordering from a query that groups
            )
            for kind, model in services.LIST_KINDS.items()
        ]
        return super().get_context_data(lists=lists, editable=self.editable, **kwargs)

    def post(self, request, *args, **kwargs):
        form = (ListActionForm if "action" in request.POST else ListItemForm)(request.POST)
        return self.change(form, reverse("plans:lists"))

    def perform(self, data) -> tuple[str, str]:
        common = {"user": self.request.user, "government": self.government, "kind": data["kind"]}
        if "action" in data:
            return self.act(data, common)
        if data["pk"]:
            item = services.list_item_rename(**common, pk=data["pk"], name=data["name"], reason=data["reason"])
        else:
            item = services.list_item_add(**common, name=data["name"], reason=data["reason"])
        return _("저장했습니다: %(name)s") % {"name": item.name}, f"{data['kind']}-{item.pk}"

    @staticmethod
    def act(data, common) -> tuple[str, str]:
        if data["action"] == "move":
            item = services.list_item_move(**common, pk=data["pk"], position=data["position"])
            return _("순서를 바꾸었습니다: %(name)s") % {"name": item.name}, f"{data['kind']}-{item.pk}"
        name = services.list_item_delete(**common, pk=data["pk"], reason=data["reason"])
        return _("지웠습니다: %(name)s") % {"name": name}, f"list-{data['kind']}"


class StructureView(ChangeMixin, YearPlanMixin, TemplateView):
    """추진전략과 실천과제 of a year's plan in their order, each 실천과제 with its number of 세부사업: the lead department
    adds, renames, orders, moves and deletes them (the 세부사업 are placed under a 실천과제 on their own form)."""

    template_name = "plans/structure.html"
    edit_only = True

    def get_context_data(self, **kwargs):
        tasks = Task.objects.annotate(used=Count("programmes")).order_by(*Task._meta.ordering)  # see ListsView
        tasks = Prefetch("tasks", queryset=tasks)
        strategies = list(self.plan.strategies.prefetch_related(tasks))
        return super().get_context_data(plan=self.plan, strategies=strategies, **kwargs)

    def post(self, request, *args, **kwargs):
        form = (StructureActionForm if "action" in request.POST else StructureForm)(request.POST)
        return self.change(form, reverse("plans:structure", args=[self.plan.year]))

    def perform(self, data) -> tuple[str, str]:
        common = {"user": self.request.user, "year_plan": self.plan, "version": data["version"]}
        return self.act(data, common) if "action" in data else self.save(data, common)

    @staticmethod
    def save(data, common) -> tuple[str, str]:
        item = services.structure_save(
            **common,
            reason=data["reason"],
            name=data["name"],
            strategy_id=data["strategy"],
            task_id=data["task"],
            new=data["new"],
        )
        return _("저장했습니다: %(name)s") % {"name": item.name}, _anchor(item)

    @staticmethod
    def act(data, common) -> tuple[str, str]:
        ids = {"strategy_id": data["strategy"], "task_id": data["task"]}
        if data["action"] == "move":
            item = services.structure_move(**common, position=data["position"], **ids)
            return _("순서를 바꾸었습니다: %(name)s") % {"name": item.name}, _anchor(item)
        if data["action"] == "regroup":
            task = services.task_change_strategy(
                **common, task_id=data["task"], strategy_id=data["to_strategy"], reason=data["reason"]
            )
            return _("다른 추진전략 아래로 옮겼습니다: %(name)s") % {"name": task.name}, _anchor(task)
        name = services.structure_delete(**common, reason=data["reason"], **ids)
        return _("지웠습니다: %(name)s") % {"name": name}, "new-strategy"


def _anchor(item) -> str:
    return f"task-{item.pk}" if isinstance(item, Task) else f"strategy-{item.pk}"
