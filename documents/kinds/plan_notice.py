"""연차별 세부계획 (the yearly plan notice): the year's targets (jobs, 고용률, 취업자 수), its 세부사업 counted by
부문 × 대상 (사업 수, 목표 인원, 예산) with totals, and the 세부사업 list by 추진전략 and 실천과제 with 담당부서.

Every figure comes from the yearly plan's page selectors (`performance.plans.plan_sheet`, `cross_table`) read for
the whole government, and the indicators' (`indicators.selectors.year_indicators`)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.selectors import YearIndicator, target_or_nothing, year_indicators
from performance.models import YearPlan
from performance.plans import CrossTable, PlanSheet, cross_table, plan_sheet

from .. import plan_layout as layout
from ..base import DocumentKind, Figures
from ..figures import count, in_site_language
from ..hwpx import Cell, head
from ..plan_parts import plan_of, plan_provenance, subtitle

TITLE = gettext_lazy("연차별 세부계획")
FILE_LABEL = gettext_lazy("연차별세부계획")


@dataclass(frozen=True)
class PlanNotice:
    plan: YearPlan
    sheet: PlanSheet
    cross: CrossTable
    indicators: tuple[YearIndicator, ...]
    as_of: datetime.datetime | None
    includes_demo: bool
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def programmes(self):
        """The 세부사업 in the list's order (by 추진전략 and 실천과제)."""
        return [p for block in self.sheet.strategies for task in block.tasks for p in task.programmes]


def build(subject, year=None, quarter=None) -> PlanNotice:
    plan = plan_of(subject, year)
    sheet = plan_sheet(plan, None)
    provenance = plan_provenance(plan)
    return PlanNotice(
        plan,
        sheet,
        cross_table(sheet),
        year_indicators(plan, timezone.localdate()),
        provenance.as_of,
        provenance.includes_demo,
    )


@in_site_language
def figures(document: PlanNotice) -> Figures:
    sheet = document.sheet
    found: Figures = {
        _("일자리 목표(명)"): count(sheet.target_total),
        _("세부사업 수"): sheet.programme_count,
        _("예산(백만원)"): count(sheet.budget_total.secured if sheet.budget_total else None),
    }
    for row in document.indicators:
        found[_("%(indicator)s 목표") % {"indicator": row.label}] = target_or_nothing(row.target)
    for label, part in ((_("사업 수"), "count"), (_("목표(명)"), "target"), (_("예산(백만원)"), "budget")):
        for type_row, cells in document.cross.rows:
            for group, cell in zip(document.cross.groups, cells, strict=True):
                if cell is not None:
                    names = {"type": type_row.name, "group": group.name, "what": label}
                    found[_("부문×대상 %(type)s·%(group)s %(what)s") % names] = _part(cell, part)
            found[_("부문 %(type)s 계 %(what)s") % {"type": type_row.name, "what": label}] = _part(type_row, part)
        for group in document.cross.groups:
            found[_("대상 %(group)s 계 %(what)s") % {"group": group.name, "what": label}] = _part(group, part)
        found[_("부문×대상 계 %(what)s") % {"what": label}] = _part(document.cross.total, part)
    for programme in document.programmes:
        names = {"name": programme.name, "department": programme.department.name}
        found[_("세부사업 %(name)s(%(department)s) 목표(명)") % names] = count(programme.jobs_target)
        budget = programme.budget
        found[_("세부사업 %(name)s(%(department)s) 예산(백만원)") % names] = count(budget.secured if budget else None)
    return found


def _part(subtotal, part: str):
    if part == "count":
        return subtotal.count
    if part == "target":
        return count(subtotal.target)
    return count(subtotal.budget.secured if subtotal.budget else None)


def _target_rows(document: PlanNotice) -> list[list]:
    sheet = document.sheet
    targets = [
        [head(_("구분")), head(_("목표")), head(_("목표 유형")), head(_("기준값"))],
        [head(_("일자리 창출(명)")), sheet.target_total, Cell(_("세부사업 목표의 합"), align="CENTER"), None],
    ]
    for row in document.indicators:
        target = row.target
        targets.append(
            [
                head(row.label),
                Cell(target.text if target else None, align="RIGHT"),
                Cell(target.kind_label if target else None, align="CENTER"),
                Cell(target.baseline_text if target else None, align="RIGHT"),
            ]
        )
    return targets


def _cross_rows(cross) -> list[list]:
    """부문 | 구분 | each 대상 | 계: three rows a 부문 (사업 수, 목표, 예산) under its merged name, then the 계 rows."""
    crossed = [[head(_("부문")), head(_("구분")), *(head(g.name) for g in cross.groups), head(_("계"))]]
    metrics = ((_("사업 수"), "count"), (_("목표(명)"), "target"), (_("예산(백만원)"), "budget"))
    for type_row, cells in cross.rows:
        for index, (label, part) in enumerate(metrics):
            first = [head(type_row.name, rows=len(metrics))] if index == 0 else []
            values = [None if cell is None else _part(cell, part) for cell in cells]
            crossed.append([*first, head(label), *values, Cell(_part(type_row, part), total=True)])
    for index, (label, part) in enumerate(metrics):
        first = [head(_("계"), rows=len(metrics))] if index == 0 else []
        totals = [Cell(_part(group, part), total=True) for group in cross.groups]
        crossed.append([*first, head(label), *totals, Cell(_part(cross.total, part), total=True)])
    return crossed


def _list_rows(sheet) -> list[list]:
    """The 세부사업 by 추진전략 and 실천과제, numbered, with the plan's totals."""
    listed = [
        [
            head(_("번호")),
            head(_("세부사업")),
            head(_("담당부서")),
            head(_("부문")),
            head(_("대상")),
            head(_("목표(명)")),
            head(_("예산(백만원)")),
        ]
    ]
    number = 0
    for s_index, block in enumerate(sheet.strategies, start=1):
        strategy = (
            _("추진전략 %(number)s. %(name)s") % {"number": s_index, "name": block.strategy.name}
            if block.strategy
            else _("추진전략·실천과제 미지정")
        )
        listed.append([Cell(strategy, cols=7, heading=True, align="LEFT")])
        for task_block in block.tasks:
            if task_block.task is not None:
                task = _("실천과제: %(name)s") % {"name": task_block.task.name}
                listed.append([Cell(task, cols=7, heading=True, align="LEFT")])
            for programme in task_block.programmes:
                number += 1
                budget = programme.budget
                listed.append(
                    [
                        Cell(str(number), align="CENTER"),
                        programme.name,
                        programme.department.name,
                        programme.programme_type.name,
                        programme.target_group.name,
                        programme.jobs_target,
                        budget.secured if budget else None,
                    ]
                )
    listed.append(
        [
            Cell(_("합계"), cols=5, heading=True),
            Cell(sheet.target_total, total=True),
            Cell(sheet.budget_total.secured if sheet.budget_total else None, total=True),
        ]
    )
    return listed


def _layout(document: PlanNotice) -> layout.Layout:
    plan, sheet, cross = document.plan, document.sheet, document.cross
    marks = (_("시연용 자료 · 이 계획의 세부사업과 수치는 예시입니다."),) if document.includes_demo else ()
    title = _("%(year)s년 %(title)s") % {"year": plan.year, "title": TITLE}
    return layout.Layout(
        title=title,
        subtitle=subtitle(plan),
        as_of=document.as_of,
        footer=(_("단위: 명, 백만원"),) + ((_("시연용 자료"),) if document.includes_demo else ()),
        marks=marks,
        blocks=(
            layout.Heading(_("일자리 목표")),
            layout.Table(
                _("%(year)s년 일자리·고용지표 목표") % {"year": plan.year},
                _target_rows(document),
                widths=(30, 20, 20, 30),
            ),
            layout.Heading(_("부문 × 대상별 세부사업"), _("단위: 개, 명, 백만원")),
            layout.Table(_("부문(행)과 대상(열)별 사업 수, 목표 인원과 예산, 합계"), _cross_rows(cross)),
            layout.Heading(_("세부사업 목록"), _("단위: 명, 백만원")),
            layout.Table(
                _("추진전략과 실천과제별 세부사업과 담당부서"), _list_rows(sheet), widths=(6, 30, 16, 14, 12, 10, 12)
            ),
        ),
        landscape=len(cross.groups) > 5,
    )


def _source(document: PlanNotice) -> str:
    return _("%(government)s %(year)s년 연차별 세부계획(계획 화면의 세부사업과 고용지표 목표)") % {
        "government": document.plan.local_government,
        "year": document.plan.year,
    }


KIND = DocumentKind(
    slug="plan",
    title=TITLE,
    subject="plan",
    needs_year=True,
    needs_quarter=False,
    build=build,
    figures=figures,
    renderers=layout.renderers(FILE_LABEL, TITLE, _layout, _source),
)
