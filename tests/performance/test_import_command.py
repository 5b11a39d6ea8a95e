"""`manage.py import_results` as an operator meets it in the shell: refusals in Korean, once, and a non-zero exit."""

from pathlib import Path

import pytest
from django.db import connections

from performance.management.commands.import_results import Command

BAD_FILES = Path(__file__).parent / "bad_files"


def run_from_shell(*argv) -> int:
    """The command as `manage.py import_results …` runs it (the status it exits with)."""
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "import_results", *argv])
    return exited.value.code


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # run_from_argv closes them when it ends


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("zip_bomb_ratio.xlsx", "압축을 풀면 지나치게 커지는 파일이라"),
        ("billion_laughs.xlsx", "XML 구성(DTD·엔티티)"),
        ("report_pdf.xlsx", "PDF 파일입니다."),
    ],
)
def test_a_refused_file_is_explained_in_korean_only(card_data, capsys, caplog, name, reason):
    """The reader's English log line for the operators ("Zip bomb refused: …") repeated the Korean refusal, and
    the summary counted the file as one wrong cell under Django's "CommandError:"."""
    assert run_from_shell(str(BAD_FILES / name)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith(f"{name}: ") and reason in err[0], err
    assert err[1] == "파일을 읽지 않았습니다: 아무것도 저장하지 않았습니다."
    assert [record.getMessage() for record in caplog.records if record.name.startswith("performance")] == []


def test_a_wrong_account_is_named_without_a_guessed_particle(card_data, capsys):
    assert run_from_shell(str(BAD_FILES / "random.xlsx"), "--user", "nobody") == 1
    assert capsys.readouterr().err.strip() == "사용할 수 있는 계정이 아닙니다: nobody"
