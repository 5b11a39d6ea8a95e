"""One rule for the achievement rate (half-up, one decimal), wherever it is computed: Python (`rate`, which the
department table also sorts by) and the entry form's script (static/js/entry.js). The expected rates are written out
by hand from the definition, not taken from either."""

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from geumcheon_jobs.tables import sorted_rows
from performance.achievement import department_achievement
from performance.calculations import rate
from tests.factories import (
    DepartmentFactory,
    PledgeFactory,
    ProgrammeFactory,
    QuarterlyReportFactory,
    QuarterlyReportLineFactory,
)

# (part, whole, the rate as shown): the card's nine rates, then the edges of half-up rounding.
RATES = [
    (4469, 8900, "50.2"),
    (6655, 8900, "74.8"),
    (8076, 8900, "90.7"),
    (10349, 8900, "116.3"),
    (6197, 10500, "59.0"),
    (7875, 10500, "75.0"),
    (9612, 10500, "91.5"),
    (10814, 10500, "103.0"),
    (7342, 10800, "68.0"),
    (1, 16, "6.3"),  # 6.25: a half rounds up
    (201, 400, "50.3"),  # 50.25
    (2009, 4000, "50.2"),  # 50.225: below the half
    (1, 8, "12.5"),  # exact
    (2, 3, "66.7"),
    (1, 3, "33.3"),
    (9995, 10000, "100.0"),  # 99.95
    (1, 2000, "0.1"),  # 0.05
    (1, 2001, "0.0"),  # 0.04998…
    (0, 5, "0.0"),
    (1_000_000, 1, "100000000.0"),
    (5, 0, None),
    (5, None, None),
]


@pytest.mark.parametrize(("part", "whole", "shown"), RATES)
def test_python_rule(part, whole, shown):
    assert rate(part, whole) == (None if shown is None else Decimal(shown))


ENTRY_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "entry.js"
# Runs entry.js as the browser would, on a row of the entry form whose earlier cumulative is `part` and whose target is
# `whole`, with the figure left blank, and prints the rate the row then shows.
HARNESS = """
const vm = require("vm"), fs = require("fs");
const source = fs.readFileSync(process.argv[1], "utf8");
const shown = JSON.parse(process.argv[2]).map(([part, whole]) => {
  const cells = {"[data-cumulative]": {textContent: ""}, "[data-rate]": {textContent: ""}};
  let listener = null;
  const input = {
    dataset: {before: String(part), target: whole === null ? "" : String(whole)}, value: "",
    closest: () => ({querySelector: (selector) => cells[selector]}),
    addEventListener: (type, handler) => { if (type === "input") listener = handler; },
  };
  vm.runInNewContext(source, {document: {querySelectorAll: () => [input]}});
  listener();
  return cells["[data-rate]"].textContent;
});
console.log(JSON.stringify(shown));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed by make test (npm)")
def test_the_entry_forms_script_shows_the_same_rates():
    cases = [(part, whole) for part, whole, _shown in RATES]
    result = subprocess.run(
        ["node", "-e", HARNESS, str(ENTRY_JS), json.dumps(cases)], capture_output=True, text=True, check=True
    )
    expected = ["—" if shown is None else f"{shown}%" for _part, _whole, shown in RATES]
    assert json.loads(result.stdout) == expected


@pytest.mark.django_db
def test_the_department_table_sorts_by_the_rate_it_shows():
    """50.25% and 50.3% both show 50.3%: a tie, broken by the departments' order in either direction (a truncating
    sort put 50.3% above 50.25%). A department's figures of a 세부사업 the pledge does not draw on do not count."""
    pledge = PledgeFactory()
    government = pledge.local_government
    rows = {}
    for order, (name, target, jobs) in enumerate(
        [("가과", 400, 201), ("나과", 1000, 503), ("다과", 100, 10), ("라과", None, 5)], start=1
    ):
        department = DepartmentFactory(local_government=government, name=name, sort_order=order)
        programme = ProgrammeFactory(department=department, pledges=[pledge], jobs_target=target)
        report = QuarterlyReportFactory(department=department)
        QuarterlyReportLineFactory(report=report, programme=programme, jobs=jobs)
        rows[name] = report
    unlinked = ProgrammeFactory(department=rows["가과"].department, jobs_target=1)
    QuarterlyReportLineFactory(report=rows["가과"], programme=unlinked, jobs=1000)

    def shown(order_by):
        rows = sorted_rows(department_achievement(pledge, 2019, None), order_by)
        return [(row.name, row.rate) for row in rows]

    tie = Decimal("50.3")
    assert shown("-rate") == [("가과", tie), ("나과", tie), ("다과", Decimal("10.0")), ("라과", None)]
    assert shown("rate") == [("다과", Decimal("10.0")), ("가과", tie), ("나과", tie), ("라과", None)]
