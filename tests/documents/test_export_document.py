"""manage.py export_document: any kind of the registry in any of its formats, by the output's suffix; every refusal is
one Korean line, with a non-zero exit status and no file."""

import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from documents.base import HWPX, DocumentKind, ExportedFile
from documents.registry import KINDS
from tests.hwpx import all_text, open_hwpx
from tests.pdf import assert_korean_font_embedded, pdf_text

CODE = "지역경제-11"
ROOT = Path(__file__).resolve().parents[2]


def export(*args):
    call_command("export_document", *args)


def test_the_card_as_hwpx(card_data, tmp_path):
    output = tmp_path / "card.hwpx"
    export("card", "--year", "2021", "--pledge", CODE, "--output", str(output))
    text = all_text(open_hwpx(output.read_bytes()))
    assert "○ 2021년 일자리 창출목표 : 10,800명" in text  # the card's 2021 target
    assert "191,259" in text  # the card's 투자수요 total


def test_the_quarterly_report_as_xlsx_for_the_pledge_with_a_target_that_year(card_data, tmp_path):
    output = tmp_path / "report.xlsx"
    export("quarterly", "--year", "2019", "--quarter", "3", "--output", str(output))
    values = [c.value for s in openpyxl.load_workbook(output).worksheets for row in s.iter_rows() for c in row]
    assert 8076 in values and 8900 in values  # 2019 through Q3: 8,076 of the year's 8,900 (the card)


def test_the_budget_report_as_pdf_whatever_the_year(card_data, tmp_path):
    output = tmp_path / "budget.pdf"
    export("budget", "--year", "2021", "--pledge", CODE, "--output", str(output))
    assert_korean_font_embedded(output)
    assert "191,259" in pdf_text(output)


def fake_plan_kind() -> DocumentKind:
    """A kind about the government's yearly plan, as the plan's documents are, writing which plan it was given."""

    def render(plan) -> ExportedFile:
        return ExportedFile("plan.hwpx", HWPX, f"{plan.local_government.name} {plan.year}".encode())

    return DocumentKind(
        slug="plan",
        title="연차별 세부계획",
        subject="plan",
        needs_year=True,
        needs_quarter=False,
        build=lambda plan, year, quarter: plan,
        figures=lambda plan: {},
        renderers={"hwpx": render},
    )


def test_a_plans_document_reads_the_governments_plan_of_the_year(card_data, tmp_path, monkeypatch):
    """The plan of --government's year, or of --pledge's government; the install serves several governments (the
    demo's 예시구 and 예시군), so naming neither is refused rather than guessed."""
    monkeypatch.setitem(KINDS, "plan", fake_plan_kind())
    output = tmp_path / "plan.hwpx"
    export("plan", "--year", "2021", "--government", card_data.local_government.code, "--output", str(output))
    assert output.read_bytes().decode() == f"{card_data.local_government.name} 2021"
    other = tmp_path / "other.hwpx"
    export("plan", "--year", "2026", "--pledge", "민생-1", "--output", str(other))
    assert other.read_bytes().decode() == "예시구 2026"
    with pytest.raises(CommandError, match="지자체가 여럿입니다"):
        export("plan", "--year", "2021", "--output", str(tmp_path / "none.hwpx"))
    assert not (tmp_path / "none.hwpx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["minutes", "--year", "2021"], "알 수 없는 문서입니다: minutes"),
        (["card", "--year", "2021", "--pledge", "없는-99"], "공약을 찾을 수 없습니다: 없는-99"),
        (["card", "--year", "2021", "--quarter", "2"], "분기가 없습니다"),
        (["card", "--year", "2035"], "2035"),
        (["quarterly", "--year", "2019"], "분기를 고르세요"),
        (["quarterly", "--year", "2019", "--quarter", "5"], "올바른 기간이 아닙니다"),
        (["plan", "--year", "2035", "--government", "3170000"], "2035년에는 연차별 세부계획이 없습니다"),
        (["plan", "--year", "2021", "--government", "0000000"], "지자체를 찾을 수 없습니다: 0000000"),
    ],
)
def test_refusals_write_nothing(card_data, tmp_path, monkeypatch, args, message):
    monkeypatch.setitem(KINDS, "plan", fake_plan_kind())
    output = tmp_path / "document.hwpx"
    with pytest.raises(CommandError, match=message) as refused:
        export(*args, "--output", str(output))
    assert "\n" not in str(refused.value) and re.search("[가-힣]", str(refused.value))
    assert not output.exists()


@pytest.mark.parametrize("name", ["card.docx", "card"])
def test_an_unknown_suffix_is_refused(card_data, tmp_path, name):
    output = tmp_path / name
    with pytest.raises(CommandError, match=r"지원하지 않는 파일 형식입니다: .*\.pdf, \.xlsx, \.hwpx"):
        export("card", "--year", "2021", "--output", str(output))
    assert not output.exists()


def test_a_missing_folder_is_refused(card_data, tmp_path):
    output = tmp_path / "nowhere" / "card.pdf"
    with pytest.raises(CommandError, match="폴더가 없습니다"):
        export("card", "--year", "2021", "--output", str(output))
    assert not output.parent.exists()


def test_from_the_shell_a_refusal_is_one_korean_line_and_a_non_zero_status(tmp_path):
    output = tmp_path / "x.pdf"
    command = [sys.executable, "manage.py", "export_document", "minutes", "--year", "2021", "--output", str(output)]
    environment = {**os.environ, "DJANGO_DEBUG": "true"}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("알 수 없는 문서입니다: minutes")
    assert not output.exists()
