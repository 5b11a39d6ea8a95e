"""Setting targets and results: lead department only, a reason for every change, history with who and why, a
stale form refused with the other person's change, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from indicators import services
from indicators.history import indicator_changes, latest_change
from indicators.models import IndicatorResult, IndicatorTarget
from indicators.selectors import indicator_board
from indicators.services import ResultInput, TargetInput
from performance.models import TermPlan, YearPlan
from tests.results import results_revision as revision_current

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def lead(card_data):
    return get_user_model().objects.get(username="lead")


@pytest.fixture
def term8(card_data):
    return TermPlan.objects.get(local_government=card_data.local_government, name="민선8기")


def test_a_year_target_is_saved_with_history(card_data, lead, term8):
    government = card_data.local_government
    plan = YearPlan.objects.get(local_government=government, year=2025)
    seen = latest_change(government.pk, IndicatorTarget)
    before = revision_current(government)
    changed = services.indicator_targets_save(
        government=government,
        term=term8,
        values={(plan, "employment_rate"): TargetInput("keep", Decimal("67.0"), Decimal("66.9"), 2023, 2)},
        user=lead,
        seen=seen,
        reason="2025년 수정공시",
    )
    assert changed == 1
    target = IndicatorTarget.objects.get(year_plan=plan, indicator="employment_rate")
    assert (target.kind, target.value, target.baseline_value, target.baseline_year) == (
        "keep",
        Decimal("67.0"),
        Decimal("66.9"),
        2023,
    )
    record = target.history.first()
    assert record.history_user == lead and record.history_change_reason == "2025년 수정공시"
    assert revision_current(government) == before + 1  # the cached dashboard shows the new target
    entry = indicator_changes(government.pk)[0]
    # The history writes the target as the board does ("이상 유지": kept at least at the value), not a wording of its own.
    assert entry.changes == ("67.5% → 67.0% 이상 유지",) and entry.reason == "2025년 수정공시"
    shown = {cell.target.text for row in indicator_board(term8, TODAY).plans for cell in row.cells if cell.target}
    assert "67.0% 이상 유지" in shown


def test_a_change_without_reason_writes_nothing(card_data, lead, term8):
    government = card_data.local_government
    with pytest.raises(services.Refused):
        services.indicator_targets_save(
            government=government,
            term=term8,
            values={(term8, "employed"): None},
            user=lead,
            seen=latest_change(government.pk, IndicatorTarget),
        )
    assert IndicatorTarget.objects.filter(term=term8, indicator="employed").exists()


def test_a_stale_form_is_refused_with_the_other_change(card_data, lead, term8):
    government = card_data.local_government
    seen = latest_change(government.pk, IndicatorTarget)
    services.indicator_targets_save(
        government=government,
        term=term8,
        values={(term8, "employed"): TargetInput("raise", Decimal("131.0"), Decimal("126.4"), 2022, 2)},
        user=lead,
        seen=seen,
        reason="첫 번째 사람",
    )
    with pytest.raises(services.Stale) as stale:
        services.indicator_targets_save(
            government=government,
            term=term8,
            values={(term8, "employed"): TargetInput("raise", Decimal("135.0"))},
            user=lead,
            seen=seen,
            reason="두 번째 사람",
        )
    assert [entry.reason for entry in stale.value.changes] == ["첫 번째 사람"]
    assert IndicatorTarget.objects.get(term=term8, indicator="employed").value == Decimal("131.0")


def test_staff_and_managers_cannot_change(card_data, term8):
    government = card_data.local_government
    for username in ("dept03", "manager"):
        user = get_user_model().objects.get(username=username)
        with pytest.raises(PermissionDenied):
            services.indicator_results_save(
                government=government,
                values={("employed", 2026, 1): None},
                user=user,
                seen=latest_change(government.pk, IndicatorResult),
                reason="x",
                today=TODAY,
            )


def test_another_terms_plan_is_refused(card_data, lead, term8):
    government = card_data.local_government
    plan7 = YearPlan.objects.get(local_government=government, year=2019)
    with pytest.raises(PermissionDenied):
        services.indicator_targets_save(
            government=government,
            term=term8,
            values={(plan7, "employed"): TargetInput("raise", Decimal("1.0"))},
            user=lead,
            seen=latest_change(government.pk, IndicatorTarget),
            reason="x",
        )


def test_results_are_all_or_nothing(card_data, lead):
    government = card_data.local_government
    values = {
        ("employed", 2025, 2): ResultInput(Decimal("128.9"), "통계청", datetime.date(2026, 2, 25)),
        ("employed", 2026, 2): ResultInput(Decimal("129.5"), "통계청", None),  # not ended yet: refuses the whole
    }
    with pytest.raises(services.Refused):
        services.indicator_results_save(
            government=government,
            values=values,
            user=lead,
            seen=latest_change(government.pk, IndicatorResult),
            reason="KOSIS",
            today=TODAY,
        )
    assert IndicatorResult.objects.get(
        local_government=government, indicator="employed", year=2025, half=2
    ).value == Decimal("128.6")


def test_a_removed_result_shows_as_pending_never_zero(card_data, lead, term8):
    government = card_data.local_government
    services.indicator_results_save(
        government=government,
        values={("employment_rate", 2026, 1): None},
        user=lead,
        seen=latest_change(government.pk, IndicatorResult),
        reason="잘못 입력",
        today=TODAY,
    )
    board = indicator_board(term8, TODAY)
    rows = {row.label: row for row in board.halves}
    assert rows["2026년 상반기"].cells[0].text == "미발표"  # August 2026 is over
    assert rows["2026년 하반기"].cells[0].text == "집계 중(2027년 2월 발표 예정)"
    assert rows["2026년 상반기"].cells[1].text == "129.1천명"


def test_outcomes_compare_the_years_second_half(card_data, term8):
    board = indicator_board(term8, TODAY)
    years = {row.year: row for row in board.plans}
    # 2024: 고용률 target 67.0, 하반기 66.8 → 미달; 취업자 target 128.0, 하반기 127.2 → 미달
    assert [cell.outcome for cell in years[2024].cells] == ["missed", "missed"]
    # 2023: 66.5 vs 66.9 → 달성; 127.0 vs 127.5 → 달성
    assert [cell.outcome for cell in years[2023].cells] == ["met", "met"]
    # 2026: 하반기 not published → no outcome, said as 미발표
    assert [cell.outcome_label for cell in years[2026].cells] == ["미발표", "미발표"]
    # the term: the latest figures (2026 상반기 67.9%, 129.1천명) against 68.0% and 130.0천명
    assert board.plans[0].year is None and [c.result_text for c in board.plans[0].cells] == ["67.9%", "129.1천명"]


def test_the_board_reads_in_constant_queries(card_data, term8, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        board = indicator_board(term8, TODAY)
        assert len(board.halves) == 8
