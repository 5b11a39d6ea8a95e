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


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return [page for page in pdf_text(path).split("\f") if page.strip()]


def pdf_page_size(path: Path) -> str:
    """pdfinfo's page size line, e.g. "595.276 x 841.89 pts (A4)"."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Page size"))
