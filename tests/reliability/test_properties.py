"""Generated input against every form and the Excel import: never a server error, never a partial write.

For each form the property is the same: whatever is posted, the response is a page or a redirect (the test client
re-raises any unhandled exception, so a 500 fails the example), and either the input was saved exactly as the
domain rules read it, or it was refused with a Korean message and nothing in the database changed — figures,
statuses, versions, deadlines, notices, budget lines and the number of history rows alike.

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
from performance import excel, imports, services
from performance.excel import csv_text
from performance.forms import DeadlineForm
from performance.models import Department, Notice, QuarterlyReport, QuarterlyReportLine, ReportingDeadline
from performance.plans import plan_programmes
from performance.validation import parse_jobs

from .snapshots import snapshot

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
# What people mostly type, about as often as anything odd, so that saving is exercised as much as refusing
plain_number = st.one_of(st.integers(min_value=0, max_value=2000).map(str), st.just(""), st.just("1,200"))
typed_number = st.one_of(plain_number, odd_number)
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
        for name in names[1:]:
            kind = (odd_number, plain_number) if name.startswith("jobs") else (plain_text, plain_comment)
            posted[name] = data.draw(kind[0] if name in odd else kind[1], label=name)
        if submit:
            posted["submit"] = "1"
        if acknowledge:
            posted["acknowledge"] = "on"
        before = snapshot()
        response, messages = post(client, url, posted)
        saved = response.status_code == 302 or "warnings" in (response.context or {})
        event("saved" if saved else "refused")
        if not saved:
            assert_refused(messages, form_errors(response), before)
            return
        assert all(korean(message) for message in messages), messages
        report = QuarterlyReport.objects.get(department=department, year=YEAR, quarter=QUARTER)
        stored = {line.programme_id: (line.jobs, line.comment) for line in report.lines.all()}
        expected = {}
        for programme in programmes:
            jobs, comment = parse_jobs(posted[f"jobs_{programme.pk}"]), posted[f"comment_{programme.pk}"].strip()
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


def amount(raw: str) -> int | None:
    try:
        return parse_amount(raw)
    except ValidationError:
        raise AssertionError(f"saved although {raw!r} is no amount") from None


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
        odd = data.draw(
            st.sets(st.sampled_from(["cells", "version", "new line", "extra_years"]), max_size=2), label="odd"
        )
        for name in data.draw(st.lists(st.sampled_from(cells), max_size=6), label="changed cells"):
            posted[name] = data.draw(typed_number if "cells" in odd else plain_number, label=name)
        if "version" in odd:
            posted["version"] = data.draw(typed_text, label="version")
        if data.draw(st.booleans(), label="a new line"):
            year = data.draw(st.sampled_from([2021, 2022]), label="its year")
            figure = typed_number if "new line" in odd else plain_number
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
        for name in cells:
            key, year, source, part = name.rsplit("-", 3)
            if part != "secured":
                continue
            secured, executed = amount(posted[name]), amount(posted[name.replace("-secured", "-executed")])
            found = Allocation.objects.filter(budget_line_id=int(key), year=int(year), source=source).first()
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
    rows: tuple[int, ...]


@pytest.fixture
def template(card_data) -> Template:
    """The quarter's template for three departments, as the lead department downloads it."""
    departments = list(Department.objects.filter(code__in=["dept01", "dept03", "dept04"]).order_by("sort_order"))
    content = imports.results_template(departments, YEAR, QUARTER)
    rows = openpyxl.load_workbook(io.BytesIO(content))[excel.DATA_SHEET].max_row
    return Template(content, tuple(range(excel.FIRST_DATA_ROW, rows + 1)))


@EXAMPLES
@given(data=st.data())
def test_an_import_saves_the_whole_file_or_nothing_and_explains_in_korean(lead_client, template, data):
    content, rows = template.content, template.rows
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[excel.DATA_SHEET]
    for row in rows:  # what a clerk types, then a few odd cells anywhere that matters
        sheet[f"I{row}"] = data.draw(st.one_of(st.none(), st.integers(min_value=0, max_value=2000)), label=f"I{row}")
        sheet[f"J{row}"] = data.draw(st.one_of(st.none(), sheet_text), label=f"J{row}")
    refs = ["B2", "D2", "B4", "I4"] + [f"{column}{row}" for row in rows for column in "ACIJ"]
    for ref in data.draw(st.lists(st.sampled_from(refs), max_size=3), label="odd cells"):
        sheet[ref] = data.draw(cell_value, label=ref)
    buffer = io.BytesIO()
    book.save(buffer)
    with rolled_back():
        before = snapshot()
        upload = SimpleUploadedFile("실적.xlsx", buffer.getvalue())
        response, messages = post(lead_client, reverse("performance:import"), {"file": upload})
        plan = response.context["plan"]
        event("refused" if plan.errors else "saved" if plan.reports else "no change")
        assert all(korean(error.message) for error in plan.errors), plan.errors
        assert snapshot() == before  # a preview never writes
        if not plan.ok or not plan.reports:
            return
        response, messages = post(lead_client, reverse("performance:import-confirm"), {})
        assert response.status_code == 302 and all(korean(m) for m in messages), messages
        for report in plan.reports:
            stored = {
                line.programme_id: (line.jobs, line.comment)
                for line in QuarterlyReportLine.objects.filter(
                    report__department=report.department, report__year=plan.year, report__quarter=plan.quarter
                )
            }
            for line in report.lines:
                expected = None if line.jobs is None and not line.comment else (line.jobs, line.comment)
                assert stored.get(line.programme_id) == expected


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
        "/public/지역경제-11/?year=²",
        "/pledges/지역경제-11/card/?year=²",
        "/pledges/지역경제-11/dashboard/?year=²",
        "/pledges/지역경제-11/dashboard/budget/?year=²",
        "/results/template.xlsx?year=2021&quarter=2&department=²",
    ],
)
def test_a_digit_that_is_no_number_in_a_query_is_not_a_server_error(lead_client, url):
    """ "²" is a digit to str.isdigit() but not to int(): found by the bulk approval property above."""
    assert lead_client.get(url).status_code in (200, 404)
