"""The funding sources (재원) of a local government: the one place every table, form, upload and budget matrix asks
which sources a government uses and in what order."""

from django.utils.translation import gettext_lazy as _

from .models import FundingSource, GovernmentFundingSource

# What a government that has chosen nothing uses: a Seoul 자치구's sources, those of every government before the
# sources were per government (migration 0017 writes them for each government that existed then).
DEFAULT_SOURCES = (FundingSource.NATIONAL, FundingSource.CITY, FundingSource.DISTRICT)

# Each source's name in files and open data: part of their format, so never translated.
FILE_NAMES = {
    FundingSource.NATIONAL: "국비",
    FundingSource.CITY: "시비",
    FundingSource.PROVINCE: "도비",
    FundingSource.DISTRICT: "구비",
    FundingSource.COUNTY: "군비",
    FundingSource.PRIVATE: "민자",
    FundingSource.OTHER: "기타",
}

# Each source as the pledge card abbreviates it: 소요예산 42,711백만원(국 9,770 시 15,517 구 17,424).
SHORT_LABELS = {
    FundingSource.NATIONAL: _("국"),
    FundingSource.CITY: _("시"),
    FundingSource.PROVINCE: _("도"),
    FundingSource.DISTRICT: _("구"),
    FundingSource.COUNTY: _("군"),
    FundingSource.PRIVATE: _("민자"),
    FundingSource.OTHER: _("기타"),
}

SOURCE_NOT_USED = _("이 기관이 쓰지 않는 재원입니다: %(source)s. 기관의 재원 설정에 있는 재원만 쓸 수 있습니다.")


def _government_id(government) -> int | None:
    return getattr(government, "pk", government)


def sources_of(government) -> tuple[tuple[str, str], ...]:
    """(value, label) of each funding source `government` (a LocalGovernment or its id) uses, in its order —
    as `FundingSource.choices` is shaped, so that a table, a form or a file iterates it the same way. One query."""
    chosen = GovernmentFundingSource.objects.filter(local_government_id=_government_id(government)).values_list(
        "source", flat=True
    )
    values = list(chosen) or list(DEFAULT_SOURCES)
    return tuple((value, str(FundingSource(value).label)) for value in values)


def source_label(source: str) -> str:
    """The Korean name of a source of the national vocabulary (the value itself when it is not one)."""
    return str(FundingSource(source).label) if source in FundingSource.values else source


def unused_source_refusal(used_sources, sources) -> str | None:
    """Why money from `sources` (values) cannot be saved by a government using `used_sources` (its `sources_of`):
    the first source it does not use, in Korean; or None."""
    used = {value for value, _label in used_sources}
    for source in sources:
        if source not in used:
            return str(SOURCE_NOT_USED % {"source": source_label(source)})
    return None
