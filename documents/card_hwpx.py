"""The pledge card (공약 이행 카드) as HWPX, in the order of its PDF (`_pledge_card.html`): the header box, 정책목표,
사업개요, 연차별 추진계획, the budget table, 추진실적, 향후계획 and the footer box. Every figure is read from the one
`PledgeCard`.

HWPX has no leader dots of the PDF's 향후계획 group headings ("《…》 ……… 12개"): the count follows the heading after a
tab-free " … "."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from .base import HWPX, ExportedFile
from .budget_hwpx import budget_table_rows, budget_table_widths
from .card import PledgeCard, card_filename
from .hwpx import Cell, HwpxWriter, cell_text, head

MARKERS = {0: "○", 1: "-", 2: "▪"}


def pledge_card_hwpx(card: PledgeCard) -> ExportedFile:
    writer = HwpxWriter()
    pledge = card.pledge
    writer.title(_("공약 이행 카드"), subtitle=f"{pledge.local_government} · {pledge.lead_department}")
    writer.as_of_line(card.as_of, _("승인된 실적 기준"), _("시연용 자료") if card.includes_demo else "")
    writer.marks(demo=card.includes_demo)
    _header(writer, card)
    writer.heading(_("정책목표"))
    writer.paragraph(f"○ {pledge.policy_goal}")
    _overview(writer, card)
    writer.heading(_("연차별 추진계획"))
    writer.table(
        [
            [head(_("구 분"))] + [head(f"{year}{_('년')}") for year, _jobs in card.plan_years],
            [head(pledge.plan_label)] + [f"{cell_text(jobs)}{_('명')}" for _year, jobs in card.plan_years],
        ]
    )
    writer.heading(f"{_('연차별 투자수요 및 집행액')} ({_('단위 : 백만원')})")
    writer.table(budget_table_rows(card.budget), widths=budget_table_widths(card.budget))
    _progress(writer, card)
    _future_plan(writer, card)
    _footer(writer, card)
    return ExportedFile(card_filename(card, "hwpx"), HWPX, writer.content())


def _header(writer: HwpxWriter, card: PledgeCard) -> None:
    pledge = card.pledge
    due = pledge.completion_due + (f" ({pledge.completion_year})" if pledge.completion_year else "")
    writer.table(
        [
            [head(pledge.code), Cell(pledge.title, cols=5, heading=True)],
            [
                head(_("추진현황")),
                pledge.get_status_display(),
                head(_("이행률(%)")),
                Cell(f"{floatformat(pledge.implementation_rate, -1)}%"),
                head(f"{_('완료시기')} ({_('완료연도')})"),
                due,
            ],
            [
                head(_("총사업비")),
                Cell(f"{cell_text(card.total_cost)}{_('백만원')}", align="RIGHT"),
                head(_("사업유형")),
                pledge.project_type,
                head(_("추진부서")),
                str(pledge.lead_department),
            ],
        ],
        widths=[2, 3, 2, 2, 2, 3],
    )


def _overview(writer: HwpxWriter, card: PledgeCard) -> None:
    writer.heading(_("사업개요"))
    target = _("%(year)s년 일자리 창출목표 : %(target)s명") % {"year": card.year, "target": cell_text(card.target)}
    writer.paragraph(f"○ {target}")
    budget = card.year_budget
    if budget and budget.get("total"):
        parts = " ".join(
            f"{name} {cell_text(budget[source].secured if budget.get(source) else None)}"
            for name, source in ((_("국"), "national"), (_("시"), "city"), (_("구"), "district"))
        )
        cost = f"{cell_text(budget['total'].secured)}{_('백만원')}({parts})"
    else:
        cost = cell_text(None)
    writer.paragraph(f"○ {_('소요예산')} : {cost}")
    strategies = card.pledge.strategy_list
    writer.paragraph(f"○ {_('%(count)s대 추진전략') % {'count': len(strategies)}}")
    writer.paragraph(f"   - {', '.join(strategies)}")
    if card.group_split:
        shares = ", ".join(f"{share.name} {cell_text(share.jobs)}{_('명')}" for share in card.group_split)
        writer.paragraph(f"○ {_('계층별 목표')} : {shares}")
    if card.shared:
        writer.paragraph(f"○ {_('다른 공약과 함께 집계하는 세부사업 (실적이 각 공약에 모두 들어갑니다)')}")
        names = ", ".join(f"{name}({', '.join(codes)})" for name, codes in card.shared)
        writer.paragraph(f"   - {names}")


def _progress(writer: HwpxWriter, card: PledgeCard) -> None:
    writer.heading(_("추진실적"))
    if not card.progress:
        writer.paragraph(_("기록된 추진실적이 없습니다."))
    for group in card.progress:
        writer.paragraph(f"【{group.heading}】", bold=True)
        for item in group.items:
            writer.paragraph(f"○ {item.year}. {item.month}. : {item.text}")
            for line in item.result_lines:
                writer.paragraph(f"   - {line}")


def _future_plan(writer: HwpxWriter, card: PledgeCard) -> None:
    writer.heading(_("향후계획"))
    for item in card.future_plan:
        if item.is_group_heading:
            count = f" … {cell_text(item.group_target)}{_('개')}" if item.group_target is not None else ""
            writer.paragraph(f"《{item.text}》{count}", bold=True)
        else:
            writer.paragraph(f"{'   ' * item.level}{MARKERS.get(item.level, '-')} {item.text}")


def _footer(writer: HwpxWriter, card: PledgeCard) -> None:
    pledge = card.pledge
    authors = "  ".join(f"{a.position} : {a.name}" + (f" ({a.extension})" if a.extension else "") for a in card.authors)
    departments = _("일자리사업 추진 %(count)s개부서") % {"count": card.collaborating_departments}
    writer.table(
        [
            [head(_("작 성 자")), Cell(authors, cols=3)],
            [head(_("협업부서")), departments, head(_("협업내용")), pledge.collaboration_note],
            [head(_("중앙정부")), pledge.central_counterpart, head(_("서 울 시")), pledge.city_counterpart],
        ],
        widths=[2, 4, 2, 4],
    )
