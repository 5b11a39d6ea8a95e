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


def deadline(government, year: int, quarter: int) -> datetime.date:
    """The deadline the lead department of `government` (a LocalGovernment or its id) set for the quarter, or the
    default."""
    override = (
        ReportingDeadline.objects.filter(local_government=government, year=year, quarter=quarter)
        .values_list("due_date", flat=True)
        .first()
    )
    return override or default_deadline(year, quarter)


def deadlines_for(government, periods: list[tuple[int, int]]) -> dict[tuple[int, int], datetime.date]:
    """The deadline of each of several quarters of `government`, in one query."""
    years = {year for year, _quarter in periods}
    overrides = {
        (year, quarter): due
        for year, quarter, due in ReportingDeadline.objects.filter(
            local_government=government, year__in=years
        ).values_list("year", "quarter", "due_date")
    }
    return {period: overrides.get(period) or default_deadline(*period) for period in periods}


def deadlines_by_government(year: int, quarter: int) -> dict[int, datetime.date]:
    """The deadlines set for one quarter, by government id (a government missing here has the default)."""
    return dict(
        ReportingDeadline.objects.filter(year=year, quarter=quarter).values_list("local_government_id", "due_date")
    )


def reporting_period(today: datetime.date) -> tuple[int, int]:
    """The quarter being reported on a given day: the latest one that has ended."""
    quarter = (today.month - 1) // 3  # the quarter before the current one
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)
