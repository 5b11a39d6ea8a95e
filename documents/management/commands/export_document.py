from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.base import DocumentUnavailable
from documents.registry import KINDS, kind
from documents.subjects import default_pledge, document_subject, lead_government, parameter_refusal
from performance.management.base import KoreanCommand, add_government_argument, government_option, one_pledge
from performance.models import Pledge

SEVERAL_GOVERNMENTS = gettext_lazy("지자체가 여럿입니다. --government로 행정기관코드를 정하세요(또는 --pledge).")


class Command(KoreanCommand):
    help = (
        "Write any official document of the registry (documents/registry.py): KIND card, quarterly, budget, plan, "
        "results-notice, evaluation; .pdf, .xlsx or .hwpx by the output's suffix. A pledge's document uses --pledge "
        "(default: the first pledge with a target for the year); a plan's document uses the yearly plan of --year of "
        "the pledge's government or of --government (행정기관코드; needed when the install serves several). Refused: one "
        "Korean line, a non-zero exit status and no file."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="card, quarterly, budget, plan, results-notice, evaluation")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--quarter", type=int)
        parser.add_argument("--pledge", help="pledge code, e.g. 지역경제-11")
        parser.add_argument("--output", required=True, type=Path)
        add_government_argument(parser)

    def handle(self, *args, kind: str, year: int, quarter, pledge, output: Path, government=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            government = government_option(government)
            try:
                exported = self.render(kind, year, quarter, pledge, output, government)
            except DocumentUnavailable as refused:
                raise CommandError(refused.message) from None
            if not output.parent.is_dir():
                raise CommandError(_("폴더가 없습니다: %(folder)s") % {"folder": output.parent})
        output.write_bytes(exported.content)
        self.stdout.write(f"{output} ({len(exported.content):,} bytes)")

    def render(self, slug: str, year: int, quarter: int | None, code: str | None, output: Path, government=None):
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
        # A plan's document is of --pledge's government when a pledge is named, else of --government's.
        pledge = self.pledge(code, year, government) if code or found.subject == "pledge" else None
        if not found.needs_year:
            year = None  # the document covers every year
        if refusal := parameter_refusal(found, year, quarter):
            raise DocumentUnavailable(*refusal)
        if found.subject == "pledge" and pledge is None:
            raise DocumentUnavailable("pledge", _("공약이 등록되어 있지 않습니다."))
        owner = lead_government(pledge, government)
        if found.subject == "plan" and owner is None:
            raise DocumentUnavailable("pledge", str(SEVERAL_GOVERNMENTS))
        subject = document_subject(found, pledge=pledge, government=owner, year=year)
        document = found.build(subject, year, quarter)
        return found.renderers[suffix](document)

    def pledge(self, code: str | None, year: int, government) -> Pledge | None:
        """`--pledge` of `--government` (one_pledge: a code two governments hold must be told apart), else the
        default pledge of the year."""
        return one_pledge(code, government) if code else default_pledge(year, government)
