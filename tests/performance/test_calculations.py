from decimal import Decimal

import pytest

from performance.calculations import NOTHING, achievement_rate, figure, percent, rate, year_period_label


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (4469, 8900, "50.2"),
        (6655, 8900, "74.8"),
        (8076, 8900, "90.7"),
        (10349, 8900, "116.3"),
        (6197, 10500, "59.0"),
        (7875, 10500, "75.0"),
        (9612, 10500, "91.5"),
        (10814, 10500, "103.0"),
        (7342, 10800, "68.0"),
    ],
)
def test_the_nine_rates_of_the_card(part, whole, expected):
    assert achievement_rate(part, whole) == Decimal(expected)
    assert str(achievement_rate(part, whole)) == expected


def test_half_rounds_up_not_to_even():
    # 1 of 2,000 is exactly 0.05%: half-up gives 0.1 where banker's rounding would give 0.0.
    assert rate(1, 2000) == Decimal("0.1")
    # 5 of 400 is exactly 1.25%: 1.3, not 1.2.
    assert rate(5, 400) == Decimal("1.3")
    # Just below a half stays down.
    assert rate(1, 2001) == Decimal("0.0")


@pytest.mark.parametrize("whole", [None, 0])
def test_no_target_gives_no_rate(whole):
    assert achievement_rate(500, whole) is None


def test_zero_result_is_zero_percent():
    assert achievement_rate(0, 10800) == Decimal("0.0")


def test_period_labels_follow_the_card():
    assert year_period_label(2019, 1) == "2019년 1분기"
    assert year_period_label(2020, 2) == "2020년 상반기"
    assert year_period_label(2020, 3) == "2020년 3분기"
    assert year_period_label(2019, 4) == "2019년"


@pytest.mark.parametrize(
    ("value", "written"),
    [(12802, "12,802"), (0, "0"), (None, "—"), ("", "—")],
)
def test_a_figure_or_its_absence_is_written_one_way(value, written):
    assert figure(value) == written


def test_a_rate_or_its_absence_is_written_one_way():
    assert (percent(Decimal("50.2")), percent(None)) == ("50.2%", "—")
    assert NOTHING == "—"  # one dash for "no value" everywhere, not "-" beside "—"


def test_the_templates_write_figures_with_the_same_helper():
    from geumcheon_jobs.templatetags.numbers import register

    assert register.filters["number"] is figure and register.filters["percent"] is percent


@pytest.mark.parametrize(
    ("old", "new", "unit", "deleted", "shown"),
    [
        (5, 7, "명", False, "5 → 7명"),
        (None, 12300, "", False, "— → 12,300"),
        (10800, 11000, "명", False, "10,800 → 11,000명"),
        (1500, None, "명", True, "1,500명 → 삭제"),
    ],
)
def test_every_history_writes_a_figures_change_one_way(old, new, unit, deleted, shown):
    from performance.reporting import figure_change

    assert figure_change(old, new, unit, deleted=deleted) == shown
