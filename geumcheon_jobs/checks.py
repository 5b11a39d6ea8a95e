"""A system check that refuses to run without a Korean font, so no PDF ever prints empty boxes."""

import shutil
import subprocess

from django.core.checks import Error, register

INSTALL_HINT = "sudo apt-get install -y fonts-nanum"


def korean_fonts() -> list[str]:
    """Font families that fontconfig can use for Korean text."""
    if shutil.which("fc-list") is None:
        return []
    output = subprocess.run(
        ["fc-list", ":lang=ko", "family"], capture_output=True, text=True, timeout=20, check=False
    ).stdout
    return sorted({line.split(",")[0].strip() for line in output.splitlines() if line.strip()})


@register()
def check_korean_font(app_configs, **kwargs):
    if korean_fonts():
        return []
    return [
        Error(
            "fontconfig finds no Korean font: PDFs would print empty boxes instead of Korean text.",
            hint=f"Install one, for example: {INSTALL_HINT}",
            id="geumcheon_jobs.E001",
        )
    ]
