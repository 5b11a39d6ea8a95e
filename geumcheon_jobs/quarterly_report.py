"""The quarterly job-creation report (분기 일자리창출 실적 보고) for a year and quarter, as PDF and xlsx.

One object (`QuarterlyReportDocument`) feeds both files; its figures come from the dashboard's selectors
(approved reports only) and its charts are the dashboard's SVG charts, so the page and the paper agree."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from performance.achievement import Achievement, achievement, department_achievement
from performance.models import Pledge
from performance.reporting import Board, review_board

from .charts import dashboard_charts
from .dashboards import achievement_tables
from .documents import PDF, XLSX, ExportedFile
from .exports import render_pdf
from .tabular import PERCENT, Tabular, to_xlsx


class NoSuchPeriod(ValueError):
    pass


@dataclass(frozen=True)
class QuarterlyReportDocument:
    pledge: Pledge
    year: int
    quarter: int
    overview: Achievement
    departments: tuple
    board: Board
    charts: dict
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def missing(self) -> tuple:
        """Departments whose report for the quarter is not with the lead department (or not approved)."""
        return tuple(row for row in self.board.rows if row.status != "approved")


def quarterly_report(pledge: Pledge, year: int, quarter: int) -> QuarterlyReportDocument:
    """The whole district's figures through `quarter` of `year`, by department, group and type."""
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise NoSuchPeriod(
            _("%(year)s년 %(quarter)s분기는 올바른 기간이 아닙니다.") % {"year": year, "quarter": quarter}
        )
    overview = achievement(pledge, year, None, through_quarter=quarter)
    if overview.target is None and overview.quarter is None:
        raise NoSuchPeriod(_("%(year)s년에는 목표도 승인된 실적도 없습니다.") % {"year": year})
    departments = tuple(department_achievement(pledge, year, None, through_quarter=quarter))
    board = review_board(None, year, quarter, timezone.localdate())
    return QuarterlyReportDocument(pledge, year, quarter, overview, departments, board, dashboard_charts(overview))


def _name(document: QuarterlyReportDocument, suffix: str) -> str:
    return _("분기일자리실적보고_%(code)s_%(year)s년%(quarter)s분기.%(suffix)s") % {
        "code": document.pledge.code,
        "year": document.year,
        "quarter": document.quarter,
        "suffix": suffix,
    }


def quarterly_report_pdf(document: QuarterlyReportDocument) -> ExportedFile:
    return ExportedFile(_name(document, "pdf"), PDF, render_pdf("print/quarterly_report.html", {"doc": document}))


def quarterly_report_xlsx(document: QuarterlyReportDocument) -> ExportedFile:
    overview = document.overview
    summary = Tabular(
        "summary",
        _("요약"),
        (_("연도"), _("분기"), _("연간 목표"), _("누적 실적"), _("달성률")),
        ((document.year, document.quarter, overview.target, overview.cumulative, overview.rate),),
        ("", "", "", "", PERCENT),
    )
    missing = Tabular(
        "missing",
        _("미제출·미승인 부서"),
        (_("부서"), _("상태"), _("제출일시")),
        tuple(
            (
                row.department.name,
                _status_label(row.status),
                timezone.localtime(row.report.submitted_at).strftime("%Y-%m-%d %H:%M")
                if row.report and row.report.submitted_at
                else None,
            )
            for row in document.missing
        ),
    )
    tables = [summary, *achievement_tables(overview, document.departments), missing]
    source = _("%(government)s %(code)s %(year)s년 %(quarter)s분기 · 승인된 실적 기준 · 생성 %(now)s") % {
        "government": document.pledge.local_government,
        "code": document.pledge.code,
        "year": document.year,
        "quarter": document.quarter,
        "now": timezone.localtime(document.generated_at).strftime("%Y-%m-%d %H:%M"),
    }
    return ExportedFile(_name(document, "xlsx"), XLSX, to_xlsx(tables, source))


def _status_label(status: str) -> str:
    return {"missing": _("미제출"), "draft": _("작성중"), "submitted": _("제출(검토 대기)"), "returned": _("반려")}.get(
        status, status
    )


REPORT_EXPORTERS = {"pdf": quarterly_report_pdf, "xlsx": quarterly_report_xlsx}
