"""The indicators pages per role, the import through the page, the dashboard's and the public page's panels."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from indicators.history import latest_change
from indicators.models import IndicatorResult, IndicatorTarget
from performance.models import TermPlan, YearPlan

from .kosis_files import long_rows, to_csv

INDEX = reverse("indicators:index")


@pytest.fixture
def term8(card_data):
    return TermPlan.objects.get(local_government=card_data.local_government, name="민선8기")


def _seen(card_data, model):
    return latest_change(card_data.local_government_id, model)


@pytest.mark.parametrize("username", ["lead", "manager", "dept03"])
def test_everyone_signed_in_reads(login, username):
    response = login(username).get(INDEX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "67.9%" in text and "129.1천명" in text  # 2026 상반기 (demo)
    assert "집계 중(2027년 2월 발표 예정)" in text  # 2026 하반기, never 0
    assert ("KOSIS 파일 올리기" in text) is (username == "lead")


def test_anonymous_is_sent_to_login(card_data):
    response = Client().get(INDEX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["indicators:targets", "indicators:result", "indicators:import"])
@pytest.mark.parametrize("username", ["manager", "dept03"])
def test_only_the_lead_department_edits(login, name, username):
    client = login(username)
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {}).status_code == 403


def test_lead_enters_a_half_year(login, card_data):
    client = login("lead")
    data = {
        "year": "2025",
        "half": "2",
        "employment_rate": "67.7",
        "employed": "128.6",
        "source": "통계청 지역별고용조사",
        "published_on": "2026-02-24",
        "reason": "발표값 정정",
        "seen": _seen(card_data, IndicatorResult),
    }
    response = client.post(reverse("indicators:result"), data)
    assert response.status_code == 302
    result = IndicatorResult.objects.get(
        local_government=card_data.local_government, indicator="employment_rate", year=2025, half=2
    )
    assert result.value == Decimal("67.7") and str(result.published_on) == "2026-02-24"
    assert "67.6% → 67.7%" in client.get(INDEX).content.decode()  # the history on the page


def test_a_wrong_figure_or_a_figure_without_source_and_date_is_refused(login, card_data):
    client = login("lead")
    data = {"year": "2025", "half": "1", "employed": "", "seen": _seen(card_data, IndicatorResult), "reason": "x"}
    response = client.post(reverse("indicators:result"), dict(data, employment_rate="67,4", source="통계청"))
    assert response.status_code == 400 and "숫자만 입력하세요" in response.content.decode()
    response = client.post(reverse("indicators:result"), dict(data, employment_rate="67.4", source=""))
    text = response.content.decode()
    assert response.status_code == 400 and "출처를 입력하세요" in text and "공표일을 입력하세요" in text
    assert IndicatorResult.objects.get(
        local_government=card_data.local_government, indicator="employment_rate", year=2025, half=1
    ).value == Decimal("67.4")


def test_stale_targets_form_is_409_with_the_other_change(login, card_data, term8):
    client = login("lead")
    url = f"{reverse('indicators:targets')}?term={term8.pk}"
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data |= {f"{name}": field.initial if field.initial is not None else "" for name, field in form.fields.items()}
    data["seen"] = form.initial["seen"]
    first = dict(data, p0_employed_value="131.0", reason="먼저 저장")
    assert client.post(url, first).status_code == 302
    second = dict(data, p0_employed_value="135.0", reason="나중 저장")
    response = client.post(url, second)
    assert response.status_code == 409
    assert "먼저 저장" in response.content.decode()
    assert IndicatorTarget.objects.get(term=term8, indicator="employed").value == Decimal("131.0")


def _upload(client, content, **extra):
    data = {
        "file": SimpleUploadedFile("101_DT_1ES3A01S_20260301.csv", content, content_type="text/csv"),
        "source": "통계청 지역별고용조사(KOSIS)",
        "reason": "KOSIS 반영",
        "seen": extra.pop("seen"),
        **extra,
    }
    return client.post(reverse("indicators:import"), data)


def test_import_saves_every_figure(login, card_data):
    content = to_csv(
        long_rows(("서울 금천구", "2025.2/2", "128.8", "67.8"), ("서울 구로구", "2025.2/2", "230.0", "65.0"))
    )
    response = _upload(login("lead"), content, seen=_seen(card_data, IndicatorResult))
    assert response.status_code == 302
    stored = dict(
        IndicatorResult.objects.filter(local_government=card_data.local_government, year=2025, half=2).values_list(
            "indicator", "value"
        )
    )
    assert stored == {"employed": Decimal("128.8"), "employment_rate": Decimal("67.8")}


def test_import_preview_saves_nothing(login, card_data):
    content = to_csv(long_rows(("서울 금천구", "2025.2/2", "128.8", "67.8")))
    response = _upload(login("lead"), content, seen=_seen(card_data, IndicatorResult), preview="on")
    assert response.status_code == 200 and "67.6%" in response.content.decode() and "67.8%" in response.content.decode()
    assert IndicatorResult.objects.get(
        local_government=card_data.local_government, indicator="employment_rate", year=2025, half=2
    ).value == Decimal("67.6")


def test_a_wrong_file_is_refused_naming_the_place_and_saves_nothing(login, card_data):
    before = list(IndicatorResult.history.values_list("history_id", flat=True))
    content = to_csv(
        long_rows(("서울 금천구", "2025.1/2", "128.9", "67.5"), ("서울 금천구", "2025.2/2", "128.8", "육칠"))
    )
    response = _upload(login("lead"), content, seen=_seen(card_data, IndicatorResult))
    assert response.status_code == 400
    assert "3행 J열" in response.content.decode() and "아무것도 저장하지 않았습니다" in response.content.decode()
    assert list(IndicatorResult.history.values_list("history_id", flat=True)) == before


def test_public_page_shows_published_plans_only(card_data, term8):
    plan = YearPlan.objects.get(local_government=card_data.local_government, year=2026)
    plan.status, plan._change_reason = YearPlan.Status.DRAFT, "시험"
    plan.save()
    response = Client().get(reverse("public-pledge", args=["3170000", "일자리-1"]) + "?year=2025")
    text = response.content.decode()
    assert response.status_code == 200 and "고용지표" in text
    assert "2025년 세부계획" in text and "2026년 세부계획" not in text
    assert "67.9%" in text  # a published result
    assert "변경 이력" not in text and "입력·수정" not in text


def test_dashboard_panel_follows_a_change_and_reads_in_constant_queries(
    login, card_data, django_assert_max_num_queries
):
    client = login("lead")
    url = reverse("dashboard", args=["일자리-1"]) + "?year=2025"
    assert "67.6%" in client.get(url).content.decode()  # 2025 하반기 (demo)
    from indicators.templatetags.indicators import indicator_panel

    with django_assert_max_num_queries(2):  # the term with its plans, and the targets with the results
        panel = indicator_panel(card_data.local_government_id, 2025)
        assert len(panel["board"].plans) == 5
    data = {
        "year": "2025",
        "half": "2",
        "employment_rate": "67.7",
        "employed": "128.6",
        "source": "통계청",
        "published_on": "2026-02-24",
        "reason": "정정",
        "seen": _seen(card_data, IndicatorResult),
    }
    assert client.post(reverse("indicators:result"), data).status_code == 302
    assert "67.7%" in client.get(url).content.decode()  # the cached page was not served stale


@pytest.mark.parametrize("year", ["abc", "1999", "2025.5"])
def test_the_result_page_refuses_a_year_that_is_none_as_every_page_does(login, year):
    """?year= is read by the one rule of every page (`validation.year_from_query`): a year that is not one is not
    found, instead of silently opening another half-year's form."""
    assert login("lead").get(reverse("indicators:result"), {"year": year, "half": "2"}).status_code == 404


def test_the_result_page_opens_the_half_year_asked_for(login, card_data):
    response = login("lead").get(reverse("indicators:result"), {"year": "2025", "half": "2"})
    assert response.status_code == 200
    assert 'value="67.6"' in response.content.decode()  # 2025 하반기's stored 고용률 (demo), in its field
