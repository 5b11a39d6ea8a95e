"""The quarterly job-creation report (분기 일자리창출 실적 보고) as HWPX, in the order of its PDF: the title block and
기준일, the 잠정 note, the summary, then 분기별 누적 실적, 계층별, 부문별, 부서별 and the departments whose report is not
approved. Every figure is read from the one `QuarterlyReportDocument`.

The PDF's charts are not drawn: they are SVG, which HWPX cannot hold (a picture would be a PNG made without the
chart's data table); each chart's table, which the PDF prints beside it, is here with the same figures."""

from django.utils.translation import gettext as _

from performance.calculations import percent

from .base import HWPX, ExportedFile
from .hwpx import Cell, HwpxWriter, head
from .quarterly import QuarterlyReportDocument, report_filename, status_label


def quarterly_report_hwpx(document: QuarterlyReportDocument) -> ExportedFile:
    writer = HwpxWriter()
    pledge = document.pledge
    title = _("%(year)s년 %(quarter)s분기 일자리창출 실적 보고") % {"year": document.year, "quarter": document.quarter}
    if document.provisional:
        title += f" ({_('잠정')})"
    writer.title(title, subtitle=f"{pledge.local_government} · {pledge.code} {pledge.title} · {pledge.lead_department}")
    writer.as_of_line(
        document.as_of,
        _("승인된 실적 기준"),
        _("잠정") if document.provisional else "",
        _("시연용 자료") if document.includes_demo else "",
    )
    writer.marks(demo=document.includes_demo, provisional=document.provisional_note)
    overview = document.overview
    through = _("%(quarter)s분기까지 누적 실적(명)") % {"quarter": document.quarter}
    writer.table(
        [
            [head(_("연간 목표(명)")), head(through), head(_("달성률")), head(_("미제출·미승인 부서"))],
            [overview.target, overview.cumulative, percent(overview.rate), len(document.missing)],
        ]
    )
    writer.heading(_("분기별 누적 실적"))
    quarters = [[head(_("연도"))] + [head(f"{q}{_('분기')}") for q in range(1, 5)] + [head(_("목표"))]]
    for year, values in reversed(overview.by_year.items()):
        quarters.append([head(str(year)), *values, overview.targets.get(year)])
    writer.table(quarters)
    for heading, first, shares, total in (
        (_("계층별"), _("계층"), overview.groups, document.group_total),
        (_("부문별"), _("부문"), overview.types, document.type_total),
        (_("부서별"), _("부서"), document.departments, document.department_total),
    ):
        writer.heading(heading)
        _shares(writer, first, shares, total)
    writer.heading(
        _("%(year)s년 %(quarter)s분기 보고가 승인되지 않은 부서") % {"year": document.year, "quarter": document.quarter}
    )
    if document.missing:
        rows = [[head(_("부서")), head(_("상태"))]]
        rows += [[head(row.department.name), str(status_label(row.status))] for row in document.missing]
        writer.table(rows, widths=[3, 2])
    else:
        writer.paragraph(_("모든 부서의 보고가 승인되었습니다."))
    return ExportedFile(report_filename(document, "hwpx"), HWPX, writer.content())


def _shares(writer: HwpxWriter, first: str, shares, total) -> None:
    if not shares:
        writer.paragraph(_("승인된 실적이 없습니다."))
        return
    rows = [[head(first), head(_("실적")), head(_("목표")), head(_("달성률"))]]
    rows += [[head(share.label), share.cumulative, share.target, percent(share.rate)] for share in shares]
    rows.append(
        [
            Cell(_("계"), heading=True),
            Cell(total.cumulative, total=True),
            Cell(total.target, total=True),
            Cell(percent(total.rate), total=True),
        ]
    )
    writer.table(rows, widths=[3, 2, 2, 2])
