"""Generated input against every form and the Excel import: never a server error, never a partial write.

For each form the property is the same: whatever is posted, the response is a page or a redirect (the test client
re-raises any unhandled exception, so a 500 fails the example), and either the input was saved exactly as the
domain rules read it, or it was refused with a Korean message and nothing in the database changed — figures,
statuses, versions, deadlines, notices, budget lines and the number of history rows alike. What a typed figure
must read as is stated by the test itself (typed_figures.py: the number is drawn first, then written out), never
by the parser under test; so is what a spreadsheet cell must show.

How examples stay independent: the test runs inside pytest-django's transaction, and each example inside a
savepoint of its own that is rolled back at its end (`rolled_back`), so every example starts from the seeded data.
The services' own `atomic` blocks nest as savepoints inside it, which is enough for their all-or-nothing; what
real commits do is tested in test_crash.py and test_concurrency.py.
"""

import csv
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from budget.exports import budget_xlsx
from budget.forms import BudgetGridForm, parse_amount
from budget.models import Allocation, BudgetLine
from budget.selectors import budget_matrix, budget_version
from geumcheon_jobs.tabular import Tabular, to_xlsx
from performance import excel, imports, services
from performance.excel import cell_jobs, csv_text, write_text
from performance.forms import DeadlineForm
from performance.models import (
    MAX_JOBS,
    MAX_MILLION_WON,
    Department,
    Notice,
    QuarterlyReport,
    QuarterlyReportLine,
    ReportingDeadline,
)
from performance.plans import plan_programmes
from performance.validation import parse_jobs

from .snapshots import snapshot
from .typed_figures import Typed, cell_figures, figures, written

YEAR, QUARTER = 2021, 3  # a quarter without reports in the seed
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree; a failure prints its example to reproduce it
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
HANGUL = re.compile("[\uac00-\ud7a3]")
NUMBER = re.compile(r"-?\d+(\.\d+)?")

pytestmark = pytest.mark.django_db


@contextmanager
def rolled_back():
    """One example: everything it writes is undone at its end, whether it passed or failed."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def korean(text) -> bool:
    return bool(HANGUL.search(str(text)))


def post(client, url, data, **extra):
    client.cookies.pop("messages", None)  # a message left by an earlier example must not be read as this one's
    response = client.post(url, data, **extra)
    assert response.status_code in (200, 302, 400), response.status_code  # 400: refused beside the field
    return response, [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response, name="form") -> list[str]:
    form = (response.context or {}).get(name)
    return [str(error) for errors in form.errors.values() for error in errors] if form is not None else []


def assert_refused(messages: list[str], errors: list[str], before: dict) -> None:
    """A refusal: at least one message or error, each in Korean, and nothing written."""
    assert messages or errors, "refused without saying why"
    assert all(korean(text) for text in messages + errors), messages + errors
    assert snapshot() == before


# --- What people type ---------------------------------------------------------------------------------------------

ODD_TEXT = [
    "",
    " ",
    "\t7\n",
    "=SUM(A1:A3)",
    "+1",
    "-0",
    "@x",
    "12명",
    "１２",  # full-width digits
    "²",  # a digit to str.isdigit() that int() refuses
    "1,2,3",
    "0.0",
    "12.50",
    "1e3",
    "nan",
    "\x00",
    "9" * 40,
    "٣",  # an Arabic-Indic digit
]
typed_text = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=30))
odd_number = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=0, max_value=10**8).map(lambda n: f"{n:,}"),
    st.floats().map(str),
    typed_text,
)
# A figure with the number it stands for or the reason it is refused (tests/reliability/typed_figures.py): what
# people mostly type (plain, about as often as anything odd, so that saving is exercised as much as refusing), or
# any way of writing a number and any refused form (odd)
plain_jobs = st.one_of(
    st.integers(min_value=0, max_value=2000).flatmap(lambda n: written(n).map(lambda text: Typed(text, n))),
    st.just(Typed("")),
)
odd_jobs = figures(MAX_JOBS)
# Hidden fields a browser fills with digits: also digits that str.isdigit() accepts and int() does not ("²")
digit_text = st.one_of(st.text(alphabet="0123456789²³¹٣１,- ", max_size=12), typed_text)
long_text = st.one_of(
    st.text(max_size=1200), st.sampled_from(["", "   ", "\x00", "가" * 501, "가" * 1001, "=cmd|' /C calc'!A0"])
)
plain_text = st.one_of(st.just(""), st.just("확인 완료"), st.text(max_size=40), long_text)
plain_comment = st.sampled_from(["", "확인 완료", " 앞뒤 공백 ", "=1+1", "-"])


def version_field(current: int, odd: bool):
    """The hidden version field: the one the form was built from, or an older or nonsensical one."""
    return st.one_of(st.just(str(current - 1)), odd_number) if odd else st.just(str(current))


# Text a worksheet can hold (openpyxl refuses control characters other than tab, LF and CR)
sheet_text = st.text(alphabet=st.one_of(st.characters(exclude_categories=("Cs", "Cc")), st.sampled_from("\t\n\r")))


# --- A figure as typed, and as a cell holds it --------------------------------------------------------------------


@settings(max_examples=500, deadline=None, database=None)
@given(typed=figures(MAX_JOBS))
def test_a_typed_figure_is_the_number_written_or_refused_for_its_reason(typed):
    if typed.refusal is None:
        assert parse_jobs(typed.value) == typed.number
        return
    with pytest.raises(ValidationError) as refused:
        parse_jobs(typed.value)
    assert refused.value.code == typed.refusal
    assert all(korean(message) for message in refused.value.messages)


@settings(max_examples=300, deadline=None, database=None)
@given(typed=cell_figures(MAX_JOBS))
def test_a_cell_of_an_uploaded_workbook_is_read_as_the_figure_it_holds(typed):
    """The value goes through a saved file (a whole float comes back as Excel stores it), then the reader's rule."""
    book = openpyxl.Workbook()
    book.active["I5"] = typed.value
    buffer = io.BytesIO()
    book.save(buffer)
    stored = openpyxl.load_workbook(buffer).active["I5"].value
    number, message = cell_jobs(stored)
    if typed.refusal is None:
        assert (number, message) == (typed.number, None), stored
    else:
        assert number is None and korean(message), (stored, message)
        words = {"negative": "음수", "too_large": "넘는", "not_whole": "소수", "formula": "수식"}
        assert words.get(typed.refusal, "") in str(message), (stored, typed.refusal, str(message))


DASHES = st.sampled_from(["-", " - ", "—", "–"]).map(Typed)  # how the grid and its xlsx show "nothing"


@settings(max_examples=300, deadline=None, database=None)
@given(typed=st.one_of(figures(MAX_MILLION_WON), cell_figures(MAX_MILLION_WON), DASHES))
def test_an_amount_is_the_number_written_or_refused_for_its_reason(typed):
    if typed.refusal is None:
        assert parse_amount(typed.value) == typed.number
        return
    with pytest.raises(ValidationError) as refused:
        parse_amount(typed.value)
    assert refused.value.code == typed.refusal
    assert all(korean(message) for message in refused.value.messages)


# --- The result entry form ----------------------------------------------------------------------------------------


@pytest.fixture
def entry(client, card_data, django_user_model):
    """The department with the most programmes, its staff account logged in, and the lead department account."""
    department = (
        Department.objects.annotate(n=Count("programmes", distinct=True))
        .filter(members__isnull=False)
        .order_by("-n", "pk")
        .first()
    )
    staff = django_user_model.objects.filter(membership__department=department).order_by("username").first()
    client.force_login(staff)
    programmes = list(plan_programmes(department, 2021).order_by("pk"))
    return department, programmes, django_user_model.objects.get(username="lead")


@EXAMPLES
@given(data=st.data(), existing=st.booleans(), submit=st.booleans(), acknowledge=st.booleans())
def test_the_entry_form_saves_what_was_typed_or_refuses_in_korean(client, entry, data, existing, submit, acknowledge):
    department, programmes, lead = entry
    url = reverse("performance:entry", args=[department.pk, YEAR, QUARTER])
    names = ["version"] + [f"{part}_{p.pk}" for p in programmes for part in ("jobs", "comment")]
    odd = data.draw(st.sets(st.sampled_from(names), max_size=3), label="odd fields")
    with rolled_back():
        if existing:
            lines = [services.LineInput(p.pk, 3, "기존") for p in programmes]
            services.report_save_lines(
                department=department, year=YEAR, quarter=QUARTER, lines=lines, user=lead, expected_version=0
            )
        report = QuarterlyReport.objects.filter(department=department, year=YEAR, quarter=QUARTER).first()
        current = report.version if report else 0
        posted = {"version": data.draw(version_field(current, "version" in odd), label="version")}
        figures_typed = {}
        for name in names[1:]:
            if name.startswith("jobs"):
                figures_typed[name] = data.draw(odd_jobs if name in odd else plain_jobs, label=name)
                posted[name] = figures_typed[name].value
            else:
                posted[name] = data.draw(plain_text if name in odd else plain_comment, label=name)
        if submit:
            posted["submit"] = "1"
        if acknowledge:
            posted["acknowledge"] = "on"
        before = snapshot()
        response, messages = post(client, url, posted)
        saved = response.status_code == 302 or "warnings" in (response.context or {})
        event("saved" if saved else "refused")
        refused = [name for name, typed in figures_typed.items() if typed.refusal]
        assert not (saved and refused), f"saved although {refused} are no figures"
        if not saved:
            assert_refused(messages, form_errors(response), before)
            return
        assert all(korean(message) for message in messages), messages
        report = QuarterlyReport.objects.get(department=department, year=YEAR, quarter=QUARTER)
        stored = {line.programme_id: (line.jobs, line.comment) for line in report.lines.all()}
        expected = {}
        for programme in programmes:
            jobs, comment = figures_typed[f"jobs_{programme.pk}"].number, posted[f"comment_{programme.pk}"].strip()
            if jobs is not None or comment:
                expected[programme.pk] = (jobs, comment)
        assert stored == expected
        assert report.status == ("submitted" if response.status_code == 302 and submit else "draft")


# --- Returning, reopening, approving ------------------------------------------------------------------------------


def submitted_report(department) -> QuarterlyReport:
    """The department's quarter, submitted with last year's figures for it (so no warning stops bulk approval)."""
    user = department.members.get().user
    last_year = QuarterlyReportLine.objects.filter(report__department=department, report__year=YEAR - 1)
    lines = [
        services.LineInput(p.pk, last_year.get(programme__lineage=p.lineage, report__quarter=QUARTER).jobs)
        for p in plan_programmes(department, 2021)
    ]
    report = services.report_save_lines(
        department=department, year=YEAR, quarter=QUARTER, lines=lines, user=user, expected_version=0
    )
    return services.report_submit(report_id=report.pk, user=user, expected_version=report.version, acknowledged=True)


@pytest.fixture
def lead_client(client, card_data, django_user_model):
    client.force_login(django_user_model.objects.get(username="lead"))
    return client


@EXAMPLES
@given(action=st.sampled_from(["return", "reopen", "approve"]), data=st.data())
def test_a_review_decision_is_taken_with_its_reason_or_refused_in_korean(lead_client, action, data):
    department = Department.objects.get(code="dept03")
    odd = data.draw(st.sets(st.sampled_from(["reason", "version"])), label="odd fields")
    reason = data.draw(
        plain_text if "reason" in odd else st.sampled_from(["확인 바랍니다", " 단위 확인 "]), label="reason"
    )
    with rolled_back():
        if action == "reopen":
            report = QuarterlyReport.objects.get(department=department, year=2021, quarter=2)  # approved in the seed
        else:
            report = submitted_report(department)
        data = {
            "version": data.draw(version_field(report.version, "version" in odd), label="version"),
            "reason": reason,
        }
        before = snapshot()
        response, messages = post(lead_client, reverse("performance:action", args=[report.pk, action]), data)
        if response.status_code == 400:  # the reason refused beside its field, the text kept
            event("refused")
            assert_refused(messages, form_errors(response, "reason_form"), before)
            return
        assert response.status_code == 302
        done = {"approve": "승인했습니다.", "return": "반려했습니다.", "reopen": "재개했습니다."}[action]
        event("decided" if done in messages else "refused")
        if done not in messages:
            assert_refused(messages, [], before)
            return
        report.refresh_from_db()
        assert report.status == ("approved" if action == "approve" else "returned")
        if action != "approve":
            assert report.review_reason == reason.strip() and report.review_reason
        assert Notice.objects.filter(report=report).count() == 1


@EXAMPLES
@given(
    picked=st.lists(
        st.one_of(st.sampled_from(["submitted", "submitted", "approved", "missing"]), digit_text), max_size=4
    ),
    period=st.tuples(digit_text, digit_text),
)
def test_bulk_approval_approves_what_it_can_or_says_why_in_korean(lead_client, picked, period):
    department = Department.objects.get(code="dept03")
    with rolled_back():
        report = submitted_report(department)
        approved = QuarterlyReport.objects.get(department=department, year=2021, quarter=2)
        ids = {"submitted": str(report.pk), "approved": str(approved.pk), "missing": "999999"}
        data = {"report": [ids.get(item, item) for item in picked], "year": period[0], "quarter": period[1]}
        before = snapshot()
        response, messages = post(lead_client, reverse("performance:bulk-approve"), data)
        assert response.status_code == 302 and all(korean(m) for m in messages), messages
        report.refresh_from_db()
        event(report.status)
        if str(report.pk) in data["report"] and report.status == "approved":
            assert Notice.objects.filter(report=report).count() == 1
        else:
            assert snapshot() == before


# --- The deadline form --------------------------------------------------------------------------------------------


@EXAMPLES
@given(data=st.data())
def test_a_deadline_is_set_or_refused_in_korean(lead_client, data):
    odd = data.draw(st.sets(st.sampled_from(["year", "quarter", "due"])), label="odd fields")
    year = data.draw(
        st.one_of(st.integers(min_value=1990, max_value=2110).map(str), digit_text)
        if "year" in odd
        else st.integers(min_value=2000, max_value=2100).map(str),
        label="year",
    )
    quarter = data.draw(
        st.one_of(st.integers(min_value=-1, max_value=6).map(str), digit_text)
        if "quarter" in odd
        else st.sampled_from("1234"),
        label="quarter",
    )
    due = data.draw(
        st.one_of(
            st.dates().map(date.isoformat),
            st.sampled_from(["2021-02-30", "9999-12-31", "0001-01-01", "2021/10/20", "20211020", "2021. 10. 20."]),
            typed_text,
        )
        if "due" in odd
        else st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
        label="due_date",
    )
    data = {"year": year, "quarter": quarter, "due_date": due}
    with rolled_back():
        before = snapshot()
        response, messages = post(lead_client, reverse("performance:deadline"), data)
        event("set" if "제출 기한을 바꾸었습니다." in messages else "refused")
        if "제출 기한을 바꾸었습니다." not in messages:
            assert_refused(messages, form_errors(response, "deadline_form"), before)
            return
        form = DeadlineForm(data)
        assert form.is_valid(), form.errors
        cleaned = form.cleaned_data
        stored = ReportingDeadline.objects.get(year=cleaned["year"], quarter=cleaned["quarter"])
        assert stored.due_date == cleaned["due_date"]


# --- The budget grid, a year and a line to add -------------------------------------------------------------------


plain_amount = st.one_of(
    st.integers(min_value=0, max_value=2000).flatmap(lambda n: written(n).map(lambda text: Typed(text, n))),
    st.sampled_from([Typed(""), Typed("-")]),  # nothing typed, or the dash the grid shows for nothing
)
odd_amount = st.one_of(plain_amount, figures(MAX_MILLION_WON), DASHES)


@EXAMPLES
@given(data=st.data())
def test_the_budget_grid_saves_what_was_typed_or_refuses_in_korean(lead_client, card_data, data):
    pledge = card_data
    url = reverse("budget:edit", args=[pledge.code])
    with rolled_back():
        form = BudgetGridForm(matrix=budget_matrix(pledge), initial={"version": budget_version(pledge)})
        posted = {bound.html_name: bound.value() or "" for bound in form}
        posted.update(extra_years="", new_lines="0", action="save")
        cells = sorted(name for name in posted if name.endswith(("-secured", "-executed")))
        # What each cell holds before: the allocations as stored, read here rather than from the form's rendering.
        allocations = {
            (a.budget_line_id, a.year, a.source): (a.secured, a.executed)
            for a in Allocation.objects.filter(budget_line__pledge=pledge)
        }
        odd = data.draw(
            st.sets(st.sampled_from(["cells", "version", "new line", "extra_years"]), max_size=2), label="odd"
        )
        typed = {}
        for name in data.draw(st.lists(st.sampled_from(cells), max_size=6), label="changed cells"):
            typed[name] = data.draw(odd_amount if "cells" in odd else plain_amount, label=name)
            posted[name] = typed[name].value
        if "version" in odd:
            posted["version"] = data.draw(typed_text, label="version")
        if data.draw(st.booleans(), label="a new line"):
            year = data.draw(st.sampled_from([2021, 2022]), label="its year")
            figure = (odd_amount if "new line" in odd else plain_amount).map(lambda typed: typed.value)
            posted.update(
                {
                    "new_lines": data.draw(digit_text if "new line" in odd else st.just("1"), label="new_lines"),
                    "new1-name": data.draw(
                        st.one_of(plain_text, st.just("계"))
                        if "new line" in odd
                        else st.sampled_from(["청년 사업", "=합계"]),
                        label="its name",
                    ),
                    f"new1-{year}-city-secured": data.draw(figure, label="its secured"),
                    f"new1-{year}-city-executed": data.draw(figure, label="its executed"),
                }
            )
        if "extra_years" in odd:
            posted["extra_years"] = data.draw(digit_text, label="extra_years")
        action = data.draw(st.sampled_from(["save", "save", "save", "add_year", "add_line"]), label="action")
        posted["action"] = action
        if action == "add_year":
            posted["new_year"] = data.draw(st.one_of(st.integers(1990, 2110).map(str), typed_text), label="new_year")
        before = snapshot()
        response, messages = post(lead_client, url, posted)
        event(f"{action}: {'saved' if response.status_code == 302 else 'not saved'}")
        if response.status_code == 200:  # a refusal, or a year or line added to the form: nothing saved
            assert snapshot() == before
            errors = form_errors(response) + form_errors(response, "year_form")
            assert all(korean(text) for text in messages + errors), messages + errors
            return
        assert action == "save" and all(korean(message) for message in messages), messages
        refused = [name for name, figure in typed.items() if figure.refusal]
        assert not refused, f"saved although {refused} hold no amount"
        for name in cells:
            key, year, source, part = name.rsplit("-", 3)
            if part != "secured":
                continue
            cell = (int(key), int(year), source)
            secured, executed = (
                typed[changed].number if changed in typed else allocations.get(cell, (None, None))[index]
                for index, changed in enumerate((name, name.replace("-secured", "-executed")))
            )
            found = Allocation.objects.filter(budget_line_id=cell[0], year=cell[1], source=source).first()
            assert (found.secured, found.executed) == (secured, executed) if secured is not None else found is None


# --- The Excel import ---------------------------------------------------------------------------------------------

cell_value = st.one_of(
    st.none(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    sheet_text,
    st.sampled_from(["=1+1", "=SUM(I5:I9)", "=A1", "+1", "-1", "@x", "12명", "1,234", " 7 ", "\t", "가" * 501]),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 1, 1)),
    st.booleans(),
)


@dataclass(frozen=True)
class Template:
    content: bytes = field(repr=False)  # a failing example prints the fixture; the bytes would fill the screen
    programmes: dict[int, int]  # row → the 세부사업 ID the template wrote on it (column C)


@pytest.fixture
def template(card_data) -> Template:
    """The quarter's template for three departments, as the lead department downloads it."""
    departments = list(Department.objects.filter(code__in=["dept01", "dept03", "dept04"]).order_by("sort_order"))
    content = imports.results_template(departments, YEAR, QUARTER)
    sheet = openpyxl.load_workbook(io.BytesIO(content))[excel.DATA_SHEET]
    rows = range(excel.FIRST_DATA_ROW, sheet.max_row + 1)
    return Template(content, {row: int(sheet[f"C{row}"].value) for row in rows})


# A comment as typed in the file, and the text the report must keep (spaces around it dropped); too long: refused.
COMMENTS = {None: "", "확인 완료": "확인 완료", " 앞뒤 공백 ": "앞뒤 공백", "여러\n줄": "여러\n줄", "=1+1": "=1+1"}
TOO_LONG = "가" * 501


@EXAMPLES
@given(data=st.data())
def test_an_import_saves_the_whole_file_or_nothing_and_explains_in_korean(lead_client, template, data):
    """What the file says is what is stored, read from the values the test wrote (not from the import's preview);
    a figure that is none is refused naming its cell; a file with nothing wrong is taken."""
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book[excel.DATA_SHEET]
    figures_typed, comments = {}, {}
    for row in template.programmes:  # what a clerk types
        as_number = plain_jobs.map(lambda typed: Typed(typed.number, typed.number))  # stored as a number, or empty
        figures_typed[row] = data.draw(st.one_of(as_number, plain_jobs), label=f"I{row}")
        comment = data.draw(st.sampled_from([*COMMENTS, TOO_LONG]), label=f"J{row}")
        sheet[f"I{row}"], sheet[f"J{row}"] = figures_typed[row].value, comment
        comments[row] = COMMENTS.get(comment)  # None: refused
    # A few odd cells anywhere that matters: a figure the oracle knows, or anything (then the row is not compared)
    refs = ["B2", "D2", "B4", "I4"] + [f"{column}{row}" for row in template.programmes for column in "ACIJ"]
    unknown = set()
    for ref in data.draw(st.lists(st.sampled_from(refs), max_size=3), label="odd cells"):
        if ref.startswith("I") and ref != "I4":
            figures_typed[int(ref[1:])] = data.draw(cell_figures(MAX_JOBS), label=ref)
            sheet[ref] = figures_typed[int(ref[1:])].value
        else:
            sheet[ref] = data.draw(cell_value, label=ref)
            unknown.add(int(ref[1:]) if ref[0] in "ACJ" else "structure")
    buffer = io.BytesIO()
    book.save(buffer)
    wrong = {f"I{row}" for row, typed in figures_typed.items() if typed.refusal}
    wrong |= {f"J{row}" for row, comment in comments.items() if comment is None and row not in unknown}
    with rolled_back():
        before = snapshot()
        upload = SimpleUploadedFile("실적.xlsx", buffer.getvalue())
        response, messages = post(lead_client, reverse("performance:import"), {"file": upload})
        plan = response.context["plan"]
        event("refused" if plan.errors else "saved" if plan.reports else "no change")
        assert all(korean(error.message) for error in plan.errors), plan.errors
        assert snapshot() == before  # a preview never writes
        if "structure" not in unknown:  # (a wrong heading or period stops the reading of the rows)
            assert wrong <= {error.cell for error in plan.errors}, (wrong, plan.errors)
        if not unknown:
            assert bool(plan.errors) == bool(wrong), (wrong, plan.errors)
        if plan.errors or not plan.reports:
            return
        response, messages = post(lead_client, reverse("performance:import-confirm"), {})
        assert response.status_code == 302 and all(korean(m) for m in messages), messages
        if "structure" in unknown:
            return
        stored = {
            line.programme_id: (line.jobs, line.comment)
            for line in QuarterlyReportLine.objects.filter(report__year=YEAR, report__quarter=QUARTER)
        }
        for row, programme in template.programmes.items():
            if row in unknown:
                continue
            expected = (figures_typed[row].number, comments[row])
            assert stored.get(programme) == (None if expected == (None, "") else expected), row


@EXAMPLES
@given(content=st.one_of(st.binary(max_size=2000), st.sampled_from([b"", b"PK\x03\x04", b"a,b\n1,2\n", b"%PDF-1.4"])))
def test_a_file_that_is_no_workbook_is_refused_in_korean(lead_client, card_data, content):
    with rolled_back():
        before = snapshot()
        response, _ = post(lead_client, reverse("performance:import"), {"file": SimpleUploadedFile("x.xlsx", content)})
        plan = response.context.get("plan")
        errors = [error.message for error in plan.errors] if plan else form_errors(response)
        assert errors and all(korean(error) for error in errors), errors
        assert snapshot() == before


@EXAMPLES
@given(data=st.data())
def test_a_budget_upload_saves_the_whole_file_or_nothing_and_explains_in_korean(lead_client, card_data, data):
    pledge = card_data
    sheet = openpyxl.load_workbook(io.BytesIO(budget_xlsx(budget_matrix(pledge), pledge=pledge).content)).active
    book = sheet.parent
    refs = [cell.coordinate for row in sheet.iter_rows(min_row=3) for cell in row if not isinstance(cell, MergedCell)]
    for ref in data.draw(st.lists(st.sampled_from(refs), max_size=3), label="changed cells"):
        sheet[ref] = data.draw(st.one_of(st.integers(min_value=0, max_value=99999), st.none(), cell_value), label=ref)
    buffer = io.BytesIO()
    book.save(buffer)
    with rolled_back():
        before = snapshot()
        upload = SimpleUploadedFile("예산.xlsx", buffer.getvalue())
        response, messages = post(lead_client, reverse("budget:import", args=[pledge.code]), {"file": upload})
        plan = response.context["plan"]
        assert all(korean(error.message) for error in plan.errors), plan.errors
        assert snapshot() == before
        event("refused" if plan.errors else "changes" if plan.changes else "no change")
        if not plan.ok or not plan.changes:
            return
        response, messages = post(lead_client, reverse("budget:import-confirm", args=[pledge.code]), {})
        assert response.status_code == 302 and messages and all(korean(m) for m in messages), messages
        if snapshot() == before:  # refused by the service (e.g. a line name it does not take): said so
            assert any("저장하지 않았습니다" in message for message in messages), messages
            return
        for cell in plan.cells:
            found = Allocation.objects.filter(
                budget_line__pledge=pledge, budget_line__name=cell.line_name.strip(), year=cell.year, source=cell.source
            ).first()
            assert (
                (found.secured, found.executed) == (cell.secured, cell.executed)
                if cell.secured is not None
                else (found is None)
            )


# --- Exports keep formula-like text as text -----------------------------------------------------------------------

# What a spreadsheet may run as a formula (OWASP's list), written out here rather than read from the code under test.
RUNS_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# A marker inside, so that the check can tell the name from the product's own formulas (=SUM(…))
formula_like = st.tuples(st.sampled_from(RUNS_AS_FORMULA), st.just("주입"), sheet_text).map("".join)


@settings(max_examples=200, deadline=None, database=None)
@given(text=st.one_of(st.tuples(st.sampled_from(RUNS_AS_FORMULA), st.text()).map("".join), st.text()))
def test_a_csv_field_never_starts_like_a_formula_and_keeps_its_text(text):
    escaped = csv_text(text)
    assert not escaped.startswith(RUNS_AS_FORMULA)
    assert escaped.removeprefix("'") == text if escaped != text else text[:1] not in RUNS_AS_FORMULA


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200, deadline=None, database=None)
@given(text=st.one_of(st.tuples(st.sampled_from(RUNS_AS_FORMULA), sheet_text).map("".join), sheet_text))
def test_a_text_cell_shows_its_text_and_is_flagged_when_a_spreadsheet_would_run_it(text):
    """Both writers (openpyxl's cells through `write_text`, XlsxWriter's tables): read back from the saved file, the
    cell holds the text itself as text (no apostrophe added, "=…" no formula), with quotePrefix exactly when the text
    starts as a formula would."""
    book = openpyxl.Workbook()
    write_text(book.active["B3"], text)
    buffer = io.BytesIO()
    book.save(buffer)
    table = Tabular("t", "표", ("이름",), ((text,),))
    for content, ref in ((buffer.getvalue(), "B3"), (to_xlsx([table], "출처"), "A2")):
        cell = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0][ref]
        if not text:
            assert cell.value in (None, ""), cell.value
            continue
        assert cell.data_type == "s" and crlf(cell.value) == crlf(text), (cell.data_type, cell.value)
        assert cell.quotePrefix == text.startswith(RUNS_AS_FORMULA), cell.quotePrefix


def workbook_texts(content: bytes) -> tuple[list[tuple[str, bool]], list[str]]:
    """Every text cell of a workbook with its quotePrefix flag, and every formula."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    texts, formulas = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(str(cell.value))
                elif isinstance(cell.value, str):
                    texts.append((cell.value, cell.quotePrefix))
    return texts, formulas


@settings(EXAMPLES, max_examples=15)
@given(name=formula_like)
def test_exports_write_a_formula_like_name_as_text(lead_client, card_data, name):
    """A department, a programme and a budget line named like a formula, in every xlsx and CSV export."""
    pledge = card_data
    with rolled_back():
        department = Department.objects.get(code="dept03")
        department.name = name
        department.save()
        programme = plan_programmes(department, 2021).first()
        programme.name = name
        programme.save()
        line = BudgetLine.objects.get(pledge=pledge)
        line.name = name
        line.save()
        downloads = {
            "dashboard": reverse("dashboard-export", args=[pledge.code, "xlsx"]) + "?year=2021",
            "card": reverse("pledge-card-download", args=[pledge.code, "xlsx"]) + "?year=2021",
            "budget": reverse("budget:export", args=[pledge.code]),
            "template": reverse("performance:template") + f"?year=2021&quarter=2&department={department.pk}",
        }
        for what, url in downloads.items():
            response = lead_client.get(url)
            assert response.status_code == 200, what
            texts, formulas = workbook_texts(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            assert not any("주입" in formula for formula in formulas), (what, formulas)
            # The name itself, flagged as text (XML turns a bare CR into LF), and never with an apostrophe added.
            assert (crlf(name), True) in {(crlf(text), flagged) for text, flagged in texts}, (what, name)
            assert not any(text == "'" + name for text, _flagged in texts), (what, name)
        response = lead_client.get(
            reverse("dashboard-export", args=[pledge.code, "csv"]) + "?year=2021&table=departments"
        )
        fields = [field for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for field in row]
        assert "'" + name in fields
        assert not any(field.startswith(RUNS_AS_FORMULA) and not NUMBER.fullmatch(field) for field in fields), fields


@pytest.mark.parametrize(
    "url",
    [
        "/public/3170000/지역경제-11/?year=²",
        "/pledges/지역경제-11/card/?year=²",
        "/pledges/지역경제-11/dashboard/?year=²",
        "/pledges/지역경제-11/dashboard/budget/?year=²",
        "/results/template.xlsx?year=2021&quarter=2&department=²",
    ],
)
def test_a_digit_that_is_no_number_in_a_query_is_not_a_server_error(lead_client, url):
    """ "²" is a digit to str.isdigit() but not to int(): found by the bulk approval property above."""
    assert lead_client.get(url).status_code in (200, 404)
