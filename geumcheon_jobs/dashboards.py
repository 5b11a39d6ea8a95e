"""Every dashboard table as plain data for the xlsx and CSV downloads (budget execution itself is read by
`budget.selectors.budget_execution` from the one BudgetMatrix)."""

from django.utils.translation import gettext as _

from budget.selectors import BudgetExecution

from .tabular import PERCENT, Tabular


def achievement_tables(overview, departments) -> list[Tabular]:
    """The achievement dashboard's tables as data for downloads, in the page's order."""
    quarters = Tabular(
        "quarters",
        _("분기별 누적 실적"),
        (_("연도"), _("1분기"), _("2분기"), _("3분기"), _("4분기"), _("목표")),
        tuple((year, *values, overview.targets.get(year)) for year, values in reversed(overview.by_year.items())),
    )
    return [
        quarters,
        _shares("groups", _("계층별"), _("계층"), overview.groups),
        _shares("types", _("부문별"), _("부문"), overview.types),
        Tabular(
            "departments",
            _("부서별"),
            (_("부서"), _("승인 실적(명)"), _("목표(명)"), _("달성률")),
            tuple((d.name, d.cumulative, d.target, d.rate) for d in departments),
            ("", "", "", PERCENT),
        ),
    ]


def _shares(key, title, first, shares) -> Tabular:
    return Tabular(
        key,
        title,
        (first, _("실적"), _("목표"), _("달성률")),
        tuple((s.label, s.cumulative, s.target, s.rate) for s in shares),
        ("", "", "", PERCENT),
    )


def budget_tables(execution: BudgetExecution) -> list[Tabular]:
    """The budget dashboard's tables (백만원) as data for downloads."""
    headers = (_("확보액"), _("집행액"), _("집행률"))
    return [
        Tabular(
            "sources",
            _("재원별"),
            (_("재원"), *headers),
            tuple(
                (s.label, s.amounts.secured, s.amounts.executed, s.amounts.execution_rate) for s in execution.sources
            ),
            ("", "", "", PERCENT),
        ),
        Tabular(
            "years",
            _("연도별"),
            (_("연도"), *headers),
            tuple(
                (y, a.secured, None if planned else a.executed, None if planned else a.execution_rate)
                for y, a, planned in execution.by_year
            ),
            ("", "", "", PERCENT),
        ),
    ]
