"""Korean wording rules that hold for the whole codebase (issue #13): no "이(가)"-style particle after a value. A
message either names the word the particle belongs to ("집행액이 확보액보다 많습니다(집행액 12,802, …)") or puts
the value where no particle follows it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    "audit",
    "budget",
    "documents",
    "geumcheon_jobs",
    "indicators",
    "performance",
    "templates",
    "static/js",
    "scripts",
)
BOTH_PARTICLES = re.compile(
    r"(이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|은\(는\)|는\(은\)|\(으\)로|이/가|을/를|와/과|은/는)"
)


def test_no_message_leaves_the_particle_to_the_reader():
    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt", ".js") and "migrations" not in path.parts:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    if BOTH_PARTICLES.search(line):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
