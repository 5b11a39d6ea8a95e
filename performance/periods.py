"""Quarters and their deadlines."""

import datetime

from .models import ReportingDeadline

DEFAULT_DAYS_AFTER_QUARTER = 10


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, quarter * 3 + 1, 1) - datetime.timedelta(days=1)


def default_deadline(year: int, quarter: int) -> datetime.date:
    """The 10th day after the quarter ends (10 April for Q1, 10 January for Q4)."""
    return quarter_end(year, quarter) + datetime.timedelta(days=DEFAULT_DAYS_AFTER_QUARTER)


def deadline(year: int, quarter: int) -> datetime.date:
    """The lead department's deadline for the quarter, or the default."""
    override = ReportingDeadline.objects.filter(year=year, quarter=quarter).values_list("due_date", flat=True).first()
    return override or default_deadline(year, quarter)


def deadlines_for(periods: list[tuple[int, int]]) -> dict[tuple[int, int], datetime.date]:
    """The deadline of each of several quarters, in one query."""
    years = {year for year, _quarter in periods}
    overrides = {
        (year, quarter): due
        for year, quarter, due in ReportingDeadline.objects.filter(year__in=years).values_list(
            "year", "quarter", "due_date"
        )
    }
    return {period: overrides.get(period) or default_deadline(*period) for period in periods}


def reporting_period(today: datetime.date) -> tuple[int, int]:
    """The quarter being reported on a given day: the latest one that has ended."""
    quarter = (today.month - 1) // 3  # the quarter before the current one
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)
