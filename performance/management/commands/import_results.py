import logging
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from performance.calculations import figure
from performance.imports import apply_import, plan_import
from performance.management.base import KoreanCommand, add_government_argument, government_option
from performance.services import ReportError


@contextmanager
def file_checks_unlogged():
    """The Excel reader logs each refused file (a zip bomb, an XML entity) in English for the server's operators;
    here the person who ran the command reads the same refusal in Korean on stderr, so the log line would only
    repeat it in another language."""
    checks = logging.getLogger("performance.excel")
    level = checks.level
    checks.setLevel(logging.ERROR)
    try:
        yield
    finally:
        checks.setLevel(level)


class Command(KoreanCommand):
    help = "Import a quarter's results from the Excel template; nothing is saved when any cell is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")
        parser.add_argument("--user", help="act as this account (its rights are checked and it is named in history)")
        add_government_argument(parser)

    def handle(self, *args, file: Path, dry_run=False, user=None, government=None, **options):
        if not file.is_file():
            raise CommandError(_("파일이 없습니다: %(file)s") % {"file": file})
        account = None
        if user is not None:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(_("사용할 수 있는 계정이 아닙니다: %(user)s") % {"user": user})
        with file_checks_unlogged():
            plan = plan_import(file.read_bytes(), file.name, account, government_option(government))
        if not plan.ok:
            self._refuse(plan.errors, file.name)
        for report in plan.reports:
            for change in report.changes:
                self.stdout.write(
                    f"{report.department.name} · {change.programme}: "
                    f"{figure(change.old_jobs)} → {figure(change.new_jobs)}"
                )
        if dry_run:
            self.stdout.write(
                _("미리보기: %(year)s년 %(quarter)s분기, 바뀔 항목 %(count)s개 (저장하지 않음)")
                % {"year": plan.year, "quarter": plan.quarter, "count": plan.change_count}
            )
            return
        try:
            with transaction.atomic():
                saved = apply_import(plan.to_session(), account)
        except ReportError as refused:
            raise CommandError(_("%(reason)s 아무것도 저장하지 않았습니다.") % {"reason": refused.message}) from None
        self.stdout.write(
            _("저장: %(year)s년 %(quarter)s분기, 보고 %(reports)s건, 바뀐 항목 %(count)s개")
            % {"year": plan.year, "quarter": plan.quarter, "reports": len(saved), "count": plan.change_count}
        )

    def _refuse(self, errors, filename: str):
        """Each wrong cell (sheet!cell [value]: why), or the reason the file as a whole was not read."""
        for error in errors:
            where = f"{error.sheet}!{error.cell}" if error.cell else (error.sheet or filename)
            value = f" [{error.value}]" if error.value not in (None, "", filename) else ""  # not the name twice
            self.stderr.write(f"{where}{value}: {error.message}")
        if any(error.cell or error.sheet for error in errors):  # a cell, a row or a sheet of the file
            raise CommandError(_("잘못된 곳 %(count)s개: 아무것도 저장하지 않았습니다.") % {"count": len(errors)})
        raise CommandError(_("파일을 읽지 않았습니다: 아무것도 저장하지 않았습니다."))
