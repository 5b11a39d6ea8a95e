"""The yearly plan's Excel round trip: export, dry-run diff, refusals naming the cell, all-or-nothing apply."""

from io import BytesIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessLog
from performance.models import Programme, ProgrammeBudget, QuarterlyReport, Strategy, Task, YearPlan
from performance.plan_import import PlanImportRefused, plan_import_apply, plan_import_preview
from performance.plan_workbook import PLAN_SHEET, plan_workbook
from tests.factories import (
    DepartmentFactory,
    LocalGovernmentFactory,
    ProgrammeFactory,
    ProgrammeTypeFactory,
    QuarterlyReportFactory,
    QuarterlyReportLineFactory,
    TargetGroupFactory,
    UserFactory,
    YearPlanFactory,
)
from tests.results import results_revision

YEAR = 2024
FIRST = 5  # the first data row of the sheet


class World:
    """A government of our own with a 2024 plan: two departments, one strategy with two tasks, three 세부사업."""

    def __init__(self):
        self.government = gov = LocalGovernmentFactory(name="워크북구")
        self.jobs = DepartmentFactory(local_government=gov, name="일자리과", sort_order=1)
        self.welfare = DepartmentFactory(local_government=gov, name="복지과", sort_order=2)
        self.direct = ProgrammeTypeFactory(local_government=gov, name="직접일자리")
        self.service = ProgrammeTypeFactory(local_government=gov, name="고용서비스")
        self.youth = TargetGroupFactory(local_government=gov, name="청년층")
        self.old = TargetGroupFactory(local_government=gov, name="노년층")
        self.plan = YearPlanFactory(local_government=gov, year=YEAR)
        strategy = Strategy.objects.create(year_plan=self.plan, name="전략 가", sort_order=1)
        self.task1 = Task.objects.create(strategy=strategy, name="과제 하나", sort_order=1)
        self.task2 = Task.objects.create(strategy=strategy, name="과제 둘", sort_order=2)
        self.p1 = self.programme("청년 일자리", self.jobs, self.task1, 10, sort_order=1)
        self.p2 = self.programme("어르신 일자리", self.welfare, self.task2, None, sort_order=1)
        self.p3 = self.programme("=위험한 이름", self.welfare, self.task2, 5, sort_order=2)
        ProgrammeBudget.objects.create(programme=self.p1, source="national", secured=120, executed=80)
        ProgrammeBudget.objects.create(programme=self.p1, source="district", secured=30)

    def programme(self, name, department, task, target, **extra):
        return ProgrammeFactory(
            name=name,
            department=department,
            year_plan=self.plan,
            task=task,
            programme_type=self.direct,
            target_group=self.youth,
            jobs_target=target,
            **extra,
        )

    def row_of(self, sheet, programme) -> int:
        return next(r for r in range(FIRST, sheet.max_row + 1) if sheet[f"A{r}"].value == programme.pk)


@pytest.fixture
def world(db):
    return World()


def edited(data: bytes, edit) -> bytes:
    """The workbook after `edit(sheet, book)`, saved as Excel would save it."""
    book = openpyxl.load_workbook(BytesIO(data))
    edit(book[PLAN_SHEET], book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def preview(world, data):
    return plan_import_preview(year_plan=world.plan, data=data, filename="plan.xlsx")


def test_export_lists_every_programme_with_its_plan_and_the_lists(world):
    book = openpyxl.load_workbook(BytesIO(plan_workbook(world.plan)))
    assert book.sheetnames == ["세부계획", "목록", "안내"]
    sheet = book[PLAN_SHEET]
    assert sheet["B2"].value == YEAR
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=FIRST)]
    p1, p2, p3 = world.p1, world.p2, world.p3
    no_budget = (None,) * 6
    assert [cell.value for cell in sheet[4]][9:] == [
        "국비 확보액(백만원)", "국비 집행액(백만원)", "시비 확보액(백만원)", "시비 집행액(백만원)",
        "구비 확보액(백만원)", "구비 집행액(백만원)",
    ]  # fmt: skip
    assert rows == [
        (
            p1.pk,
            p1.lineage_id,
            "전략 가",
            "과제 하나",
            "청년 일자리",
            "일자리과",
            "직접일자리",
            "청년층",
            10,
            120,
            80,
            None,
            None,
            30,
            None,
        ),
        (
            p2.pk,
            p2.lineage_id,
            "전략 가",
            "과제 둘",
            "어르신 일자리",
            "복지과",
            "직접일자리",
            "청년층",
            None,
            *no_budget,
        ),
        (p3.pk, p3.lineage_id, "전략 가", "과제 둘", "=위험한 이름", "복지과", "직접일자리", "청년층", 5, *no_budget),
    ]
    assert sheet[f"E{FIRST + 2}"].data_type == "s"  # text, never a formula
    lists = book["목록"]
    assert [c.value for c in lists["A"]][1:] == ["일자리과", "복지과"]
    assert {c.value for c in lists["C"]} >= {"청년층", "노년층"}
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert ranges[f"F{FIRST}"] == "'목록'!$A$2:$A$3"
    assert ranges[f"G{FIRST}"].startswith("'목록'!$B$2") and ranges[f"H{FIRST}"].startswith("'목록'!$C$2")


def test_an_export_imported_back_unchanged_has_no_changes(world):
    result = preview(world, edited(plan_workbook(world.plan), lambda sheet, book: None))
    assert result.ok, result.errors
    assert result.changes == () and result.warnings == ()


def test_the_seeded_plan_round_trips_unchanged(card_data):
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=2021)
    result = plan_import_preview(year_plan=plan, data=plan_workbook(plan), filename="plan.xlsx")
    assert result.ok, result.errors[:3]
    assert result.changes == ()


def test_one_changed_cell_is_exactly_one_change(world):
    def edit(sheet, book):
        sheet[f"I{world.row_of(sheet, world.p1)}"] = 12

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert result.ok, result.errors
    assert len(result.changes) == 1
    change = result.changes[0]
    assert (change.kind, change.name, change.department) == ("changed", "청년 일자리", "일자리과")
    assert [(f.label, f.old, f.new) for f in change.fields] == [("목표(명)", "10", "12")]


def test_a_changed_budget_is_shown_old_to_new_and_saved_with_its_history(world):
    def edit(sheet, book):
        row = world.row_of(sheet, world.p1)
        sheet[f"K{row}"] = 95  # 국비 집행액 80 → 95
        sheet[f"N{row}"] = None  # 구비 30 → none
        sheet[f"N{row + 1}"] = 40  # 어르신 일자리: 구비 40, nothing executed yet

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert result.ok, result.errors
    changes = {change.name: [(f.label, f.old, f.new) for f in change.fields] for change in result.changes}
    assert changes == {
        "청년 일자리": [("국비 집행액(백만원)", "80", "95"), ("구비 확보액(백만원)", "30", "—")],
        "어르신 일자리": [("구비 확보액(백만원)", "—", "40")],
    }
    user = UserFactory(is_superuser=True)
    plan_import_apply(year_plan=world.plan, session_plan=result.to_session(), user=user, reason="예산 정리")
    budgets = {
        (row.programme_id, row.source): (row.secured, row.executed)
        for row in ProgrammeBudget.objects.filter(programme__year_plan=world.plan)
    }
    assert budgets == {
        (world.p1.pk, "national"): (120, 95),
        (world.p2.pk, "district"): (40, None),
    }
    assert ProgrammeBudget.history.filter(history_change_reason="예산 정리", history_user=user).count() == 3
    again = preview(world, plan_workbook(world.plan))
    assert again.ok and again.changes == ()


def test_a_new_department_or_task_is_a_move_and_a_blank_id_is_added_and_a_missing_row_removed(world):
    def edit(sheet, book):
        row = world.row_of(sheet, world.p1)
        sheet[f"F{row}"] = "복지과"
        sheet.delete_rows(world.row_of(sheet, world.p3))
        new = sheet.max_row + 1
        for column, value in zip("CDEFGHI", ("전략 나", "새 과제", "새 사업", "일자리과", "고용서비스", "노년층", 7)):
            sheet[f"{column}{new}"] = value

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert result.ok, result.errors
    assert result.counts == {"added": 1, "changed": 0, "moved": 1, "removed": 1}
    assert [(f.label, f.old, f.new) for f in result.of_kind("moved")[0].fields] == [("담당부서", "일자리과", "복지과")]
    assert result.of_kind("removed")[0].name == "=위험한 이름"


def test_applying_saves_everything_with_history_version_and_revision(world):
    user = UserFactory(is_superuser=True)

    def edit(sheet, book):
        sheet[f"I{world.row_of(sheet, world.p1)}"] = 12
        sheet.delete_rows(world.row_of(sheet, world.p3))
        new = sheet.max_row + 1
        for column, value in zip("CDEFGHI", ("전략 나", "새 과제", "새 사업", "일자리과", "고용서비스", "노년층", 7)):
            sheet[f"{column}{new}"] = value

    result = preview(world, edited(plan_workbook(world.plan), edit))
    revision = results_revision(world.government)
    count = plan_import_apply(year_plan=world.plan, session_plan=result.to_session(), user=user, reason="추경 반영")
    assert count == 3
    world.p1.refresh_from_db()
    assert world.p1.jobs_target == 12
    assert not Programme.objects.filter(pk=world.p3.pk).exists()  # out of the plan: its row and links, as on screen
    assert Programme.history.filter(id=world.p3.pk, history_type="-").exists()
    added = Programme.objects.get(year_plan=world.plan, name="새 사업")
    assert (added.task.strategy.name, added.task.name, added.jobs_target) == ("전략 나", "새 과제", 7)
    assert (added.department, added.programme_type, added.target_group) == (world.jobs, world.service, world.old)
    record = world.p1.history.first()
    assert (record.history_user, record.history_change_reason) == (user, "추경 반영")
    world.plan.refresh_from_db()
    assert world.plan.version == 2 and results_revision(world.government) > revision
    # Exported again and imported back: nothing left to change.
    assert preview(world, plan_workbook(world.plan)).changes == ()


def _append_copy(sheet, source_row: int, **changes):
    new = sheet.max_row + 1
    for column in "ABCDEFGHI":
        sheet[f"{column}{new}"] = changes.get(column, sheet[f"{column}{source_row}"].value)
    return new


BAD_CELLS = [
    # (what, edit(sheet, world) -> the cell expected, the reason's words)
    ("unknown department", lambda s, w: _set(s, f"F{w.row_of(s, w.p1)}", "없는과"), "이 지자체에 없는 부서"),
    ("negative target", lambda s, w: _set(s, f"I{w.row_of(s, w.p1)}", -3), "0 이상"),
    ("fractional target", lambda s, w: _set(s, f"I{w.row_of(s, w.p1)}", 2.5), "정수"),
    ("non-numeric target", lambda s, w: _set(s, f"I{w.row_of(s, w.p1)}", "열명"), "숫자"),
    ("부문 not in the list", lambda s, w: _set(s, f"G{w.row_of(s, w.p1)}", "없는부문"), "부문 목록에 없는"),
    ("대상 not in the list", lambda s, w: _set(s, f"H{w.row_of(s, w.p1)}", "외계인"), "대상 목록에 없는"),
    ("negative amount", lambda s, w: _set(s, f"J{w.row_of(s, w.p1)}", -5), "0 이상의 정수(백만원)"),
    ("fractional amount", lambda s, w: _set(s, f"L{w.row_of(s, w.p1)}", 2.5), "0 이상의 정수(백만원)"),
    ("amount with a unit", lambda s, w: _set(s, f"M{w.row_of(s, w.p1)}", "30백만원"), "0 이상의 정수(백만원)"),
    ("amount in 원", lambda s, w: _set(s, f"J{w.row_of(s, w.p1)}", 120_000_000_000), "백만원 단위로"),
    ("executed without secured", lambda s, w: _executed_only(s, w.row_of(s, w.p2)), "시비: 확보액 없이 집행액만"),
    ("blank strategy", lambda s, w: _set(s, f"C{w.row_of(s, w.p1)}", None), "함께 적어야"),
    ("blank task", lambda s, w: _set(s, f"D{w.row_of(s, w.p1)}", None), "함께 적어야"),
    (
        "blank strategy and task",
        lambda s, w: _set(s, f"C{w.row_of(s, w.p1)}", None, f"D{w.row_of(s, w.p1)}"),
        "실천과제",
    ),
    ("the same ID twice", lambda s, w: f"A{_append_copy(s, w.row_of(s, w.p1), E='다른 이름')}", "같은 세부사업ID"),
    (
        "the same department and name twice",
        lambda s, w: f"E{_append_copy(s, w.row_of(s, w.p1), A=None, B=None)}",
        "같은 부서의 같은 세부사업명",
    ),
]


def _executed_only(sheet, row: int) -> str:
    """시비 집행액 without 시비 확보액 on `row`: the error names the empty 확보액 cell."""
    sheet[f"M{row}"] = 7
    return f"L{row}"


def _set(sheet, cell, value, also=None):
    sheet[cell] = value
    if also:
        sheet[also] = value
    return cell


@pytest.mark.parametrize(("what", "edit", "words"), BAD_CELLS, ids=[case[0] for case in BAD_CELLS])
def test_each_bad_cell_is_named_and_nothing_is_planned(world, what, edit, words):
    found = {}

    def apply_edit(sheet, book):
        found["cell"] = edit(sheet, world)

    result = preview(world, edited(plan_workbook(world.plan), apply_edit))
    assert not result.ok and result.changes == () and result.operations == {}
    named = [e for e in result.errors if e.sheet == "세부계획" and e.cell == found["cell"]]
    assert named and words in named[0].message, result.errors


@pytest.mark.parametrize("where", ["another year", "another government"])
def test_an_id_of_another_year_or_government_is_refused(world, where):
    if where == "another year":
        other = ProgrammeFactory(department=world.jobs, year=YEAR - 1, target_group=world.youth)
        words = f"{YEAR - 1}년 계획의 세부사업ID"
    else:
        other = ProgrammeFactory(department=DepartmentFactory(local_government=LocalGovernmentFactory(name="남의구")))
        words = "다른 지자체의 세부사업ID"
    cell = {}

    def edit(sheet, book):
        cell["ref"] = f"A{world.row_of(sheet, world.p1)}"
        sheet[cell["ref"]] = other.pk

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert [(e.cell, e.value) for e in result.errors] == [(cell["ref"], str(other.pk))]
    assert words in result.errors[0].message


def _approve(programme, jobs):
    report = QuarterlyReportFactory(
        department=programme.department, year=YEAR, quarter=1, status=QuarterlyReport.Status.APPROVED
    )
    QuarterlyReportLineFactory(report=report, programme=programme, jobs=jobs)


def test_removing_a_programme_with_approved_results_is_refused_with_the_reason(world):
    _approve(world.p3, 4)

    def edit(sheet, book):
        sheet.delete_rows(world.row_of(sheet, world.p3))

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert not result.ok
    (error,) = result.errors
    assert "=위험한 이름" in error.message and "승인된 실적(4명, 1건)" in error.message


def test_a_target_below_approved_results_is_a_warning_not_a_refusal(world):
    _approve(world.p1, 8)

    def edit(sheet, book):
        sheet[f"I{world.row_of(sheet, world.p1)}"] = 5

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert result.ok and len(result.changes) == 1
    assert len(result.warnings) == 1 and "5명" in result.warnings[0] and "8명" in result.warnings[0]


def test_a_plan_changed_between_preview_and_confirm_is_refused_and_nothing_saved(world):
    def edit(sheet, book):
        sheet[f"I{world.row_of(sheet, world.p1)}"] = 99

    result = preview(world, edited(plan_workbook(world.plan), edit))
    plan_import_apply(  # someone else's import in between
        year_plan=world.plan,
        session_plan=preview(world, edited(plan_workbook(world.plan), _retarget(world.p2, 3))).to_session(),
        user=None,
        reason="다른 사람",
    )
    with pytest.raises(PlanImportRefused, match="다른 사람이") as refused:
        plan_import_apply(year_plan=world.plan, session_plan=result.to_session(), user=None, reason="늦은 저장")
    assert len(refused.value.changes) == 1 and refused.value.changes[0].endswith(": 다른 사람")
    world.p1.refresh_from_db()
    assert world.p1.jobs_target == 10


def _retarget(programme, jobs):
    def edit(sheet, book):
        row = next(r for r in range(FIRST, sheet.max_row + 1) if sheet[f"A{r}"].value == programme.pk)
        sheet[f"I{row}"] = jobs

    return edit


def test_applying_without_a_reason_is_refused(world):
    result = preview(world, edited(plan_workbook(world.plan), _retarget(world.p1, 11)))
    with pytest.raises(PlanImportRefused, match="사유"):
        plan_import_apply(year_plan=world.plan, session_plan=result.to_session(), user=None, reason="  ")
    world.plan.refresh_from_db()
    assert world.plan.version == 1


@pytest.mark.parametrize("trick", ["merged", "hidden sheet", "extra sheet"])
def test_the_results_upload_safety_applies(world, trick):
    def edit(sheet, book):
        if trick == "merged":
            sheet.merge_cells(f"E{FIRST}:F{FIRST}")
        else:
            extra = book.create_sheet("메모")
            extra["A1"] = "x"
            if trick == "hidden sheet":
                extra.sheet_state = "hidden"

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert not result.ok and result.changes == ()
    expected = {"merged": "병합", "hidden sheet": "숨긴 시트", "extra sheet": "양식에 없는 시트"}[trick]
    assert expected in result.errors[0].message


def test_not_an_excel_file_is_refused_with_that_reason_alone(world):
    _approve(world.p1, 3)  # a 세부사업 that could not be removed: a refused file must not list it as removed
    result = preview(world, b"a,b,c\n1,2,3\n")
    assert len(result.errors) == 1 and "CSV" in result.errors[0].message


def test_export_query_count_is_constant_in_the_number_of_programmes(world):
    with CaptureQueriesContext(connection) as few:
        plan_workbook(world.plan)
    for index in range(12):
        world.programme(f"추가 사업 {index}", world.welfare, world.task1, index)
    with CaptureQueriesContext(connection) as many:
        plan_workbook(world.plan)
    assert len(many.captured_queries) == len(few.captured_queries) <= 6  # lists, rows, budgets, sources


# --- Views and the command ------------------------------------------------------------------------------------


def _seeded_plan(card_data):
    return YearPlan.objects.get(local_government=card_data.local_government, year=2021)


def test_lead_downloads_the_plan_and_the_download_is_logged(login, card_data):
    client = login("lead")
    response = client.get(reverse("plan_workbook:export", args=[2021]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT, path__contains="/plans/2021/plan.xlsx").exists()
    assert login("dept03").get(reverse("plan_workbook:export", args=[2021])).status_code == 403
    assert login("lead").get(reverse("plan_workbook:export", args=[1999])).status_code == 404


def test_upload_preview_then_confirm_with_a_reason(login, card_data):
    plan = _seeded_plan(card_data)
    programme = Programme.objects.filter(year_plan=plan, is_active=True).order_by("pk").first()
    client = login("lead")
    data = edited(plan_workbook(plan), _retarget(programme, (programme.jobs_target or 0) + 1))
    url = reverse("plan_workbook:import", args=[2021])
    response = client.post(url, {"file": _upload(data)})
    assert response.status_code == 200
    assert "변경 1개" in response.content.decode() and programme.name in response.content.decode()
    confirm = reverse("plan_workbook:import-confirm", args=[2021])
    client.post(confirm, {"reason": ""})  # no reason: nothing saved, the preview kept
    programme.refresh_from_db()
    before = programme.jobs_target
    response = client.post(confirm, {"reason": "1차 추경"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.jobs_target == (before or 0) + 1
    assert programme.history.first().history_change_reason == "1차 추경"


def test_upload_with_a_bad_cell_lists_it_and_saves_nothing(login, card_data):
    plan = _seeded_plan(card_data)
    programme = Programme.objects.filter(year_plan=plan, is_active=True).order_by("pk").first()
    cell = {}

    def edit(sheet, book):
        row = next(r for r in range(FIRST, sheet.max_row + 1) if sheet[f"A{r}"].value == programme.pk)
        cell["ref"] = f"I{row}"
        sheet[cell["ref"]] = -1

    response = login("lead").post(
        reverse("plan_workbook:import", args=[2021]), {"file": _upload(edited(plan_workbook(plan), edit))}
    )
    assert response.status_code == 400 and cell["ref"] in response.content.decode()
    assert not login("lead").session.get(f"plan_import:{plan.pk}")
    plan.refresh_from_db()
    assert plan.version == 1


def test_staff_and_managers_may_not_import(login, card_data):
    assert login("dept03").get(reverse("plan_workbook:import", args=[2021])).status_code == 403
    assert login("manager").get(reverse("plan_workbook:import", args=[2021])).status_code == 403


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("plan.xlsx", data, content_type="application/vnd.ms-excel")


def test_command_dry_run_and_refusal(card_data, tmp_path, capsys):
    plan = _seeded_plan(card_data)
    programme = Programme.objects.filter(year_plan=plan, is_active=True).order_by("pk").first()
    good = tmp_path / "good.xlsx"
    good.write_bytes(edited(plan_workbook(plan), _retarget(programme, 777)))
    call_command("import_plan", str(good), "--year", "2021", "--dry-run", "--user", "lead")
    out = capsys.readouterr().out
    assert "777" in out and "저장하지 않음" in out
    programme.refresh_from_db()
    assert programme.jobs_target != 777
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(edited(plan_workbook(plan), _retarget(programme, -5)))
    with pytest.raises(CommandError, match="아무것도 저장하지 않았습니다"):
        call_command("import_plan", str(bad), "--year", "2021", "--user", "lead")
    assert "세부계획!I" in capsys.readouterr().err


def test_a_file_of_another_year_is_refused_at_its_year_cell(world):
    def edit(sheet, book):
        sheet["B2"] = YEAR - 1

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert [(e.sheet, e.cell, e.value) for e in result.errors] == [("세부계획", "B2", str(YEAR - 1))]
    assert f"{YEAR}년 세부계획 파일이 아닙니다" in result.errors[0].message


def test_removing_a_programme_with_results_not_yet_approved_is_refused_as_on_the_plan_screen(world):
    """The plan screen's rule (plan_services.removal_refusal): a draft's figures would vanish from the department's
    entry form and still count once approved, so the row stays until its results are dealt with."""
    report = QuarterlyReportFactory(department=world.welfare, year=YEAR, quarter=1, status=QuarterlyReport.Status.DRAFT)
    QuarterlyReportLineFactory(report=report, programme=world.p3, jobs=2)

    def edit(sheet, book):
        sheet.delete_rows(world.row_of(sheet, world.p3))

    result = preview(world, edited(plan_workbook(world.plan), edit))
    assert not result.ok
    assert [error.message for error in result.errors] == [
        "‘=위험한 이름’ 사업은 2024년에 입력된 실적이 있어 뺄 수 없습니다. 해당 부서의 실적을 먼저 정리하세요."
    ]


def test_a_failure_halfway_saves_nothing(world, monkeypatch):
    from performance.plan_import import apply

    def edit(sheet, book):
        sheet[f"I{world.row_of(sheet, world.p1)}"] = 11
        sheet[f"I{world.row_of(sheet, world.p3)}"] = 6

    result = preview(world, edited(plan_workbook(world.plan), edit))
    saved = []
    keep = apply._keep

    def failing_keep(obj, user, reason):
        if saved:
            raise IntegrityError("injected")
        keep(obj, user, reason)
        saved.append(obj)

    monkeypatch.setattr(apply, "_keep", failing_keep)
    revision = results_revision(world.government)
    with pytest.raises(PlanImportRefused):
        plan_import_apply(year_plan=world.plan, session_plan=result.to_session(), user=None, reason="중간 실패")
    assert saved  # the first 세부사업 had been written before the failure
    world.p1.refresh_from_db()
    world.plan.refresh_from_db()
    assert (world.p1.jobs_target, world.plan.version, results_revision(world.government)) == (10, 1, revision)


def test_preview_query_count_is_constant_in_the_number_of_programmes(world):
    def counted():
        data = edited(plan_workbook(world.plan), _retarget(world.p1, 44))
        with CaptureQueriesContext(connection) as queries:
            assert len(preview(world, data).changes) == 1
        return len(queries.captured_queries)

    few = counted()
    for index in range(12):
        world.programme(f"추가 사업 {index}", world.welfare, world.task1, index)
    assert counted() == few
