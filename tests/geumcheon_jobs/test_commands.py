import pytest
from django.core.management import CommandError, call_command

from tests.pdf import assert_korean_font_embedded, pdf_text


def test_export_sheet_writes_the_card_pdf(card_data, tmp_path):
    output = tmp_path / "card.pdf"
    call_command("export_sheet", "--pledge", "지역경제-11", "--year", "2021", "--output", str(output))
    assert_korean_font_embedded(output)
    text = pdf_text(output)
    for figure in ["10,800명", "42,711백만원(국 9,770 시 15,517 구 17,424)", "2019년 1분기 실적 4,469명(달성률 50.2%)"]:
        assert figure in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pledge", "없는-99", "--year", "2021"], "찾을 수 없습니다"),
        (["--pledge", "지역경제-11", "--year", "2030"], "가능한 연도"),
    ],
)
def test_export_sheet_refuses_unknown_input_and_writes_nothing(card_data, tmp_path, args, message):
    output = tmp_path / "card.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("export_sheet", *args, "--output", str(output))
    assert not output.exists()


def test_export_sheet_refuses_an_unknown_format(card_data, tmp_path):
    output = tmp_path / "card.hwp"
    with pytest.raises(CommandError, match="형식"):
        call_command("export_sheet", "--pledge", "지역경제-11", "--year", "2021", "--output", str(output))
    assert not output.exists()


def test_seed_demo_refuses_production_mode(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo")


def test_load_card_loads_the_real_data_without_demo(db, django_user_model):
    from budget.selectors import budget_matrix
    from performance.models import Department, Pledge, QuarterlyReport

    call_command("flush", "--noinput")  # inside the test's transaction: rolled back afterwards
    call_command("load_card")
    pledge = Pledge.objects.get(code="지역경제-11")
    assert budget_matrix(pledge).grand_total.secured == 191259
    assert list(Department.objects.values_list("name", flat=True)) == ["일자리창출과"]
    assert not QuarterlyReport.objects.exists()
    assert not django_user_model.objects.exists()
