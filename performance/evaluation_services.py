"""Writing the results report's sections (추진실적 보고서: 추진 성과, 우수 사례, 미흡 사항과 개선 계획, 향후 계획) and
the evidence they cite, and reading their history. The lead department alone writes (`access.can_edit_plans`); a
form built from an older text is refused and nothing is written; every save keeps who, when and the previous text."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from .access import can_edit_plans
from .models import EVALUATION_SECTIONS, EvaluationEvidence, EvaluationReport, YearPlan
from .models.evaluations import SECTION_MAX_LENGTH
from .plan_services import NOT_ALLOWED, PlanRefused
from .reporting import history_who

STALE = gettext_lazy(
    "이 화면을 연 뒤 다른 사용자가 보고서 내용을 바꾸었습니다. 아무것도 저장하지 않았습니다. "
    "아래 이력에서 바뀐 내용을 확인한 뒤 다시 저장하세요."
)
TOO_LONG = gettext_lazy("%(section)s: %(limit)s자 이내로 쓰세요(지금 %(length)s자). 아무것도 저장하지 않았습니다.")
EVIDENCE_TITLE_TOO_LONG = gettext_lazy("근거 자료 %(number)s번째 줄: 제목은 200자 이내로 쓰세요.")
EVIDENCE_REFERENCE_TOO_LONG = gettext_lazy("근거 자료 %(number)s번째 줄: 링크나 파일명은 500자 이내로 쓰세요.")
EVIDENCE_TITLE_REQUIRED = gettext_lazy("근거 자료 %(number)s번째 줄: '|' 앞에 자료의 제목을 쓰세요.")
SAVE_REASON = "추진실적 보고서 작성"


class StaleEvaluation(PlanRefused):
    def __init__(self):
        super().__init__(STALE)


def evaluation_of(plan: YearPlan) -> EvaluationReport | None:
    return EvaluationReport.objects.filter(year_plan=plan).prefetch_related("evidence").first()


def parse_evidence(text: str) -> list[tuple[str, str]]:
    """The evidence list as typed, one a line: "제목 | 링크 또는 파일명" (the part after | may be left out); blank lines
    are skipped. A line without a title, or too long, is refused with its number (PlanRefused)."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        title, _bar, reference = (part.strip() for part in line.partition("|"))
        if not title:
            raise PlanRefused(EVIDENCE_TITLE_REQUIRED % {"number": number})
        if len(title) > 200:
            raise PlanRefused(EVIDENCE_TITLE_TOO_LONG % {"number": number})
        if len(reference) > 500:
            raise PlanRefused(EVIDENCE_REFERENCE_TOO_LONG % {"number": number})
        found.append((title, reference))
    return found


def evidence_text(report: EvaluationReport | None) -> str:
    """The evidence as the form shows it, one "제목 | 링크 또는 파일명" a line (what `parse_evidence` reads back)."""
    if report is None:
        return ""
    return "\n".join(f"{e.title} | {e.reference}" if e.reference else e.title for e in report.evidence.all())


@transaction.atomic
def evaluation_save(
    *, user, year_plan: YearPlan, version: int, sections: dict[str, str], evidence: list[tuple[str, str]]
) -> EvaluationReport:
    """Save the report's four sections and its evidence list. `version`: the report's version the form was built from
    (0: there was none yet); another person's save in between refuses this one (StaleEvaluation), nothing written."""
    if not can_edit_plans(user):
        raise PermissionDenied(NOT_ALLOWED)
    for field, label in EVALUATION_SECTIONS.items():
        text = (sections.get(field) or "").strip()
        if len(text) > SECTION_MAX_LENGTH:
            raise PlanRefused(TOO_LONG % {"section": label, "limit": f"{SECTION_MAX_LENGTH:,}", "length": len(text)})
    YearPlan.objects.select_for_update().get(pk=year_plan.pk)  # one writer of the plan's report at a time
    report = EvaluationReport.objects.filter(year_plan=year_plan).first()
    if (report.version if report else 0) != version:
        raise StaleEvaluation()
    texts = {field: (sections.get(field) or "").strip() for field in EVALUATION_SECTIONS}
    kept = [(e.title, e.reference) for e in report.evidence.all()] if report else []
    if report is None:
        report = EvaluationReport(year_plan=year_plan, version=0)
    elif all(getattr(report, f) == t for f, t in texts.items()) and kept == evidence:
        return report  # nothing changed: no history row that says nothing
    for field, text in texts.items():
        setattr(report, field, text)
    report.version += 1
    report.full_clean()
    report._history_user, report._change_reason = user, SAVE_REASON
    report.save()
    if kept != evidence:
        for row in report.evidence.all():
            row._history_user, row._change_reason = user, SAVE_REASON
            row.delete()
        for order, (title, reference) in enumerate(evidence, start=1):
            row = EvaluationEvidence(report=report, title=title, reference=reference, sort_order=order)
            row.full_clean()
            row._history_user, row._change_reason = user, SAVE_REASON
            row.save()
    return report


@dataclass(frozen=True)
class EvaluationVersion:
    """One saved version of the report's sections: who saved it, when, and the texts as they were then."""

    number: int
    when: datetime.datetime
    who: str
    sections: tuple[tuple[str, str], ...]  # (heading, text)
    changed: tuple[str, ...]  # the headings whose text this save changed


def evaluation_history(report: EvaluationReport | None, limit: int = 20) -> list[EvaluationVersion]:
    """The report's saved versions, newest first, each with its full texts (the previous text stays readable)."""
    if report is None:
        return []
    records = list(report.history.select_related("history_user").order_by("history_id"))
    versions = []
    previous = None
    for record in records:
        changed = tuple(
            str(label)
            for field, label in EVALUATION_SECTIONS.items()
            if getattr(previous, field, "") != getattr(record, field)
        )
        versions.append(
            EvaluationVersion(
                record.version,
                record.history_date,
                history_who(record),
                tuple((str(label), getattr(record, field)) for field, label in EVALUATION_SECTIONS.items()),
                changed,
            )
        )
        previous = record
    return list(reversed(versions))[:limit]
