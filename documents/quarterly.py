"""The quarterly job-creation report (분기 일자리창출 실적 보고) for a year and quarter: the one document its PDF, xlsx
and HWPX render (documents/kinds/quarterly.py).

One object (`QuarterlyReportDocument`) feeds both files; its figures come from the dashboard's selectors
(approved reports only) and its charts are the dashboard's SVG charts, so the page and the paper agree."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from performance.achievement import Achievement, Share, YearWithoutPlan, achievement, department_achievement
from performance.models import Pledge
from performance.reporting import Board, review_board
from performance.validation import period_from_text

from .charts import dashboard_charts
from .provenance import document_provenance


class NoSuchPeriod(ValueError):
    pass


def share_total(shares) -> Share:
    """The 계 row under a table of shares, itself a share (which carries its rate): the results added up; the
    targets only when every row has one (a partial sum would overstate the rate)."""
    targets = [share.target for share in shares]
    complete = bool(targets) and all(target is not None for target in targets)
    return Share("total", _("계"), sum(share.cumulative for share in shares), sum(targets) if complete else None)


@dataclass(frozen=True)
class QuarterlyReportDocument:
    pledge: Pledge
    year: int
    quarter: int
    overview: Achievement
    departments: tuple[Share, ...]
    board: Board
    charts: dict
    as_of: datetime.datetime | None = None
    includes_demo: bool = False
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def missing(self) -> tuple:
        """Departments whose report for the quarter is not with the lead department (or not approved)."""
        return tuple(row for row in self.board.rows if not row.approved)

    @property
    def provisional(self) -> bool:
        """잠정: some department's report of the quarter is not approved, so the figures may still grow."""
        return bool(self.missing)

    @property
    def provisional_note(self) -> str:
        """The note at the top of a provisional report: which departments are missing or not approved, by state
        ("미제출 2곳: 지역경제과, 건축과 · 반려 1곳: 주택과")."""
        if not self.provisional:
            return ""
        by_state: dict[str, list[str]] = {}
        for row in self.missing:
            by_state.setdefault(status_label(row.status), []).append(row.department.name)
        states = " · ".join(
            _("%(state)s %(count)s곳: %(names)s") % {"state": state, "count": len(names), "names": ", ".join(names)}
            for state, names in by_state.items()
        )
        return _(
            "잠정 보고: %(year)s년 %(quarter)s분기 보고가 승인되지 않은 부서가 %(count)s곳 있어 수치가 바뀔 수 "
            "있습니다. %(states)s"
        ) % {"year": self.year, "quarter": self.quarter, "count": len(self.missing), "states": states}

    @property
    def group_total(self) -> Share:
        return share_total(self.overview.groups)

    @property
    def type_total(self) -> Share:
        return share_total(self.overview.types)

    @property
    def department_total(self) -> Share:
        return share_total(self.departments)


def quarterly_report(pledge: Pledge, year: int, quarter: int) -> QuarterlyReportDocument:
    """The whole district's figures through `quarter` of `year`, by department, group and type."""
    if period_from_text(year, quarter) is None:
        raise NoSuchPeriod(
            _("%(year)s년 %(quarter)s분기는 올바른 기간이 아닙니다.") % {"year": year, "quarter": quarter}
        )
    try:
        overview = achievement(pledge, year, None, through_quarter=quarter)
    except YearWithoutPlan:
        raise NoSuchPeriod(_("%(year)s년에는 이 공약의 연차별 세부계획이 없습니다.") % {"year": year}) from None
    if overview.target is None and overview.quarter is None:
        raise NoSuchPeriod(_("%(year)s년에는 목표도 승인된 실적도 없습니다.") % {"year": year})
    departments = tuple(
        Share(str(row.pk), row.name, row.cumulative, row.target)
        for row in department_achievement(pledge, year, None, through_quarter=quarter)
    )
    # The pledge's government's departments only, each due by that government's deadline.
    board = review_board(None, year, quarter, timezone.localdate(), government=pledge.local_government_id)
    # The report shows approved results through the quarter, each department's state of the quarter, the targets.
    provenance = document_provenance(pledge, results_through=(year, quarter), states_of=(year, quarter), targets=True)
    return QuarterlyReportDocument(
        pledge,
        year,
        quarter,
        overview,
        departments,
        board,
        dashboard_charts(overview),
        as_of=provenance.as_of,
        includes_demo=provenance.includes_demo,
    )


def status_label(status: str) -> str:
    labels = {"missing": _("미제출"), "draft": _("작성중"), "submitted": _("제출(검토 대기)"), "returned": _("반려")}
    return labels.get(status, status)


def report_filename(document: QuarterlyReportDocument, suffix: str) -> str:
    """The quarterly report's file name, e.g. 분기일자리실적보고_지역경제-11_2019년3분기.pdf."""
    return _("분기일자리실적보고_%(code)s_%(year)s년%(quarter)s분기.%(suffix)s") % {
        "code": document.pledge.code,
        "year": document.year,
        "quarter": document.quarter,
        "suffix": suffix,
    }
