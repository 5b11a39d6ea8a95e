"""Reading produced PDFs back the way a person checks them: fonts embedded, text on the page."""

import subprocess
from pathlib import Path


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def assert_korean_font_embedded(path: Path) -> None:
    embedded = [line for line in pdf_fonts(path).splitlines()[2:] if " yes " in line]
    assert any("Nanum" in line for line in embedded), pdf_fonts(path)
