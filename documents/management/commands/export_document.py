from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from documents.base import DocumentUnavailable
from documents.registry import KINDS, kind
from documents.subjects import default_pledge, document_subject, lead_government, parameter_refusal
from performance.management.base import KoreanCommand
from performance.models import Pledge


class Command(KoreanCommand):
    help = (
        "Write any official document of the registry (documents/registry.py): KIND card, quarterly, budget, plan, "
        "results-notice, evaluation; .pdf, .xlsx or .hwpx by the output's suffix. A pledge's document uses --pledge "
        "(default: the first pledge with a target for the year); a plan's document uses the yearly plan of --year of "
        "the pledge's government (default: the install's government). Refused: one Korean line, a non-zero exit "
        "status and no file."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="card, quarterly, budget, plan, results-notice, evaluation")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--quarter", type=int)
        parser.add_argument("--pledge", help="pledge code, e.g. 지역경제-11")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, kind: str, year: int, quarter, pledge, output: Path, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                exported = self.render(kind, year, quarter, pledge, output)
            except DocumentUnavailable as refused:
                raise CommandError(refused.message) from None
            if not output.parent.is_dir():
                raise CommandError(_("폴더가 없습니다: %(folder)s") % {"folder": output.parent})
        output.write_bytes(exported.content)
        self.stdout.write(f"{output} ({len(exported.content):,} bytes)")

    def render(self, slug: str, year: int, quarter: int | None, code: str | None, output: Path):
        """The file's bytes, made before anything is written; DocumentUnavailable for any refusal."""
        if slug not in KINDS:
            message = _("알 수 없는 문서입니다: %(kind)s (가능: %(kinds)s)")
            raise DocumentUnavailable("kind", message % {"kind": slug, "kinds": ", ".join(KINDS)})
        found = kind(slug)
        suffix = output.suffix.lower().lstrip(".")
        if suffix not in found.renderers:
            message = _("지원하지 않는 파일 형식입니다: %(name)s (가능: %(formats)s)")
            formats = ", ".join(f".{f}" for f in found.renderers)
            raise DocumentUnavailable("output", message % {"name": output.name, "formats": formats})
        pledge = self.pledge(code, year)
        if not found.needs_year:
            year = None  # the document covers every year
        if refusal := parameter_refusal(found, year, quarter):
            raise DocumentUnavailable(*refusal)
        if found.subject == "pledge" and pledge is None:
            raise DocumentUnavailable("pledge", _("공약이 등록되어 있지 않습니다."))
        subject = document_subject(found, pledge=pledge, government=lead_government(pledge), year=year)
        document = found.build(subject, year, quarter)
        return found.renderers[suffix](document)

    def pledge(self, code: str | None, year: int) -> Pledge | None:
        if not code:
            return default_pledge(year)
        found = Pledge.objects.filter(code=code).select_related("local_government").first()
        if found is None:
            codes = ", ".join(Pledge.objects.order_by("code").values_list("code", flat=True)) or _("없음")
            message = _("공약을 찾을 수 없습니다: %(code)s. 등록된 공약: %(codes)s")
            raise DocumentUnavailable("pledge", message % {"code": code, "codes": codes})
        return found
