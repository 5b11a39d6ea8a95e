"""The yearly plan's Excel round trip as the lead department does it: download, upload back unchanged (no
changes), change one cell (exactly that change), confirm with a reason."""

import openpyxl

from performance.models import Programme, YearPlan

from .conftest import screenshot


def test_download_upload_unchanged_then_one_cell_changed(sign_in, live_server, tmp_path):
    page = sign_in("lead")
    page.goto(f"{live_server.url}/plans/2021/import/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="2021년 세부계획 내려받기(.xlsx)").click()
    original = tmp_path / "plan.xlsx"
    download_info.value.save_as(original)

    page.locator("input[type=file]").set_input_files(str(original))
    page.get_by_role("button", name="올려서 미리보기").click()
    assert page.get_by_role("status").filter(has_text="바뀐 것이 없습니다").is_visible()

    book = openpyxl.load_workbook(original)
    sheet = book["세부계획"]
    programme = Programme.objects.get(pk=sheet["A5"].value)
    version = programme.year_plan.version
    sheet["I5"] = (programme.jobs_target or 0) + 3
    changed = tmp_path / "plan-changed.xlsx"
    book.save(changed)
    page.locator("input[type=file]").set_input_files(str(changed))
    page.get_by_role("button", name="올려서 미리보기").click()
    preview = page.locator("#preview-title")
    assert preview.text_content().strip() == "미리보기: 추가 0개, 변경 1개, 이동 0개, 삭제 0개"
    rows = page.locator("section.panel table tbody tr")
    assert rows.count() == 1
    cells = [text.strip() for text in rows.first.locator("td, th").all_text_contents()]
    assert cells[1:] == [
        programme.name,
        programme.department.name,
        "목표(명)",
        f"{programme.jobs_target or 0:,}" if programme.jobs_target is not None else "—",
        f"{(programme.jobs_target or 0) + 3:,}",
    ]
    screenshot(page, "plan-workbook-preview")

    page.get_by_label("바꾼 사유").fill("1차 추경 반영")
    page.get_by_role("button", name="이대로 저장").click()
    page.wait_for_load_state()
    assert "세부사업 1개를 바꾸었습니다" in page.content()
    programme.refresh_from_db()
    assert programme.jobs_target == int(sheet["I5"].value)
    assert YearPlan.objects.get(pk=programme.year_plan_id).version == version + 1
