"""The warnings a clerk must tick before submitting, and the errors that refuse a figure."""

import pytest
from django.core.exceptions import ValidationError

from performance.models import Department
from performance.plans import plan_programmes
from performance.validation import entry_warnings, parse_jobs


@pytest.mark.parametrize(
    ("raw", "expected"), [("", None), (None, None), ("0", 0), ("1,234", 1234), (" 56 ", 56), ("12.0", 12)]
)
def test_accepted_figures(raw, expected):
    assert parse_jobs(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("-1", "negative"),
        ("1.5", "not_whole"),
        ("abc", "not_number"),
        ("1000001", "too_large"),
        ("٣", "not_number"),
        ("=A1", "formula"),
        ("1,23", "not_number"),
    ],
)
def test_refused_figures(raw, code):
    with pytest.raises(ValidationError) as refused:
        parse_jobs(raw)
    assert refused.value.code == code


@pytest.fixture
def elderly(card_data):
    """어르신복지과: one programme, 노인일자리 및 사회활동 지원, with approved figures in every quarter of 2019-2020."""
    return Department.objects.get(code="dept03")


def test_a_figure_far_from_the_same_quarter_of_earlier_years(elderly):
    programme = plan_programmes(elderly, 2021).get()
    normal = entry_warnings(elderly, 2021, 3, {programme.pk: 250})
    assert normal == []
    too_high = entry_warnings(elderly, 2021, 3, {programme.pk: 1000})
    assert [w.programme_id for w in too_high if "예년 같은 분기 평균" in w.message] == [programme.pk]
    [too_low] = entry_warnings(elderly, 2021, 3, {programme.pk: 10})
    assert "예년 같은 분기 평균" in too_low.message


def test_a_programme_left_empty(elderly):
    [warning] = entry_warnings(elderly, 2021, 3, {})
    assert "입력하지 않았습니다" in warning.message


def test_a_group_far_above_its_annual_target(card_data):
    youth = Department.objects.get(code="dept09")  # 특성화고 취업프로그램, 청년층 (2021 target 434)
    warnings = entry_warnings(youth, 2021, 3, {plan_programmes(youth, 2021).get().pk: 2000})
    assert any("청년층: 올해 누계" in w.message and "434" in w.message for w in warnings)


def test_a_programme_far_above_its_annual_target(card_data):
    self_support = Department.objects.get(code="dept04")  # 자활근로, 2021 target 370
    warnings = entry_warnings(self_support, 2021, 3, {plan_programmes(self_support, 2021).get().pk: 900})
    assert any("자활근로: 올해 누계" in w.message and "370" in w.message for w in warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("0", 0), ("", None), ("²", None), ("-1", None), ("1.0", None), (" 3", None), ("9" * 40, None)],
)
def test_an_id_from_a_url_or_hidden_field(text, expected):
    from performance.validation import whole_in_range

    assert whole_in_range(text) == expected


def test_a_year_from_a_url():
    from performance.validation import year_from_text

    assert [year_from_text(t) for t in ("2021", "1999", "2101", "99999999999999999999", 2022)] == [
        2021,
        None,
        None,
        None,
        2022,
    ]


def test_a_huge_or_odd_id_never_reaches_the_database(login):
    client = login("lead")
    for odd in ("9" * 40, "²", "-3"):
        assert client.post("/results/board/approve/", {"report": [odd]}).status_code == 302
        assert client.get("/pledges/지역경제-11/card/", {"year": odd}).status_code == 404
        assert client.get("/public/3170000/", {"year": odd}).status_code == 404
