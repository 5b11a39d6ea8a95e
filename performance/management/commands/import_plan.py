from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from performance.management.base import KoreanCommand, add_government_argument, government_option
from performance.management.commands.import_results import file_checks_unlogged
from performance.models import YearPlan
from performance.plan_import import PlanImportRefused, plan_import_apply, plan_import_preview, year_plan_for


class Command(KoreanCommand):
    help = "Import a whole yearly plan from its Excel workbook; nothing is saved when any cell is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True, help="the plan's year")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")
        parser.add_argument("--user", help="act as this account (its rights are checked and it is named in history)")
        parser.add_argument("--reason", default="", help="why the plan changes (kept in the history)")
        add_government_argument(parser)

    def handle(self, *args, file: Path, year: int, dry_run=False, user=None, reason="", government=None, **options):
        if not file.is_file():
            raise CommandError(_("파일이 없습니다: %(file)s") % {"file": file})
        account = self._account(user)
        government = government_option(government)
        plans = YearPlan.objects.filter(year=year)
        plans = plans.filter(local_government=government) if government else plans
        year_plan = year_plan_for(account, year) if account else plans.first()
        if year_plan is None or (account is None and plans.count() > 1):
            raise CommandError(
                _("%(year)s년 세부계획을 하나로 정할 수 없습니다. --user나 --government로 지자체를 정하세요.")
                % {"year": year}
            )
        try:
            with file_checks_unlogged():
                result = plan_import_preview(
                    year_plan=year_plan, data=file.read_bytes(), filename=file.name, user=account
                )
        except PermissionDenied as refused:
            raise CommandError(str(refused)) from None
        if not result.ok:
            for error in result.errors:
                where = f"{error.sheet}!{error.cell}" if error.cell else (error.sheet or file.name)
                value = f" [{error.value}]" if error.value not in (None, "", file.name) else ""
                self.stderr.write(f"{where}{value}: {error.message}")
            raise CommandError(
                _("잘못된 곳 %(count)s개: 아무것도 저장하지 않았습니다.") % {"count": len(result.errors)}
            )
        for warning in result.warnings:
            self.stderr.write(_("주의: %(warning)s") % {"warning": warning})
        if not result.changes:
            self.stdout.write(_("바뀐 것이 없습니다."))
            return
        for change in result.changes:
            fields = ", ".join(f"{item.label} {item.old} → {item.new}" for item in change.fields)
            self.stdout.write(
                f"[{_kind(change.kind)}] {change.department} · {change.name}" + (f": {fields}" if fields else "")
            )
        if dry_run:
            self.stdout.write(
                _("미리보기: %(year)s년, 바뀔 세부사업 %(count)s개 (저장하지 않음)")
                % {"year": year, "count": len(result.changes)}
            )
            return
        try:
            count = plan_import_apply(
                year_plan=year_plan,
                session_plan=result.to_session(),
                user=account,
                reason=reason or _("Excel 세부계획 올리기"),
            )
        except PlanImportRefused as refused:
            for change in refused.changes:
                self.stderr.write(change)
            raise CommandError(refused.message) from None
        self.stdout.write(_("저장: %(year)s년 세부계획, 세부사업 %(count)s개") % {"year": year, "count": count})

    def _account(self, username):
        if username is None:
            return None
        account = get_user_model().objects.filter(username=username, is_active=True).first()
        if account is None:
            raise CommandError(_("사용할 수 있는 계정이 아닙니다: %(user)s") % {"user": username})
        return account


def _kind(kind: str) -> str:
    return {"added": _("추가"), "changed": _("변경"), "moved": _("이동"), "removed": _("삭제")}[kind]
