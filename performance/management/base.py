"""What the product's management commands share."""

import sys

from django.core.management.base import BaseCommand, CommandError, SystemCheckError
from django.utils.translation import gettext as _


class KoreanCommand(BaseCommand):
    """A command whose refusals read as Korean sentences on stderr: Django prefixes a CommandError's message
    with the class name ("CommandError: 파일이 없습니다"), which the operator reading it does not need. Run from
    the shell, the message is written alone and the exit status is the error's; called from code
    (`call_command`) or with --traceback, the CommandError is raised as usual."""

    def run_from_argv(self, argv):
        self._from_shell = True
        return super().run_from_argv(argv)

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as refused:
            if (
                not getattr(self, "_from_shell", False)
                or options.get("traceback")
                or isinstance(refused, SystemCheckError)
            ):
                raise
            self.stderr.write(str(refused))
            sys.exit(refused.returncode)


def add_government_argument(parser) -> None:
    """`--government`: the 행정기관코드 of the government a command works on (every command reads one government)."""
    parser.add_argument(
        "--government", help="행정기관코드 of the local government (needed when the install serves several)"
    )


def government_option(code: str | None):
    """The government named by `--government`, or None when the option is not given; an unknown code is refused."""
    from performance.models import LocalGovernment

    if not code:
        return None
    government = LocalGovernment.objects.filter(code=code).first()
    if government is None:
        known = ", ".join(f"{g.code} {g.name}" for g in LocalGovernment.objects.order_by("code")) or "없음"
        raise CommandError(
            _("지자체를 찾을 수 없습니다: %(code)s. 등록된 지자체: %(known)s") % {"code": code, "known": known}
        )
    return government


def one_pledge(code: str, government):
    """The pledge `code` of `government`; without a government, the one pledge of that code on the install — two
    governments with the same code must be told apart with --government, never guessed."""
    from performance.models import Pledge

    pledges = Pledge.objects.filter(code=code).select_related("local_government").order_by("local_government__code")
    if government is not None:
        pledges = pledges.filter(local_government=government)
    found = list(pledges[:2])
    if not found:
        codes = ", ".join(Pledge.objects.order_by("code").values_list("code", flat=True).distinct()) or "없음"
        raise CommandError(
            _("공약을 찾을 수 없습니다: %(code)s. 등록된 공약: %(codes)s") % {"code": code, "codes": codes}
        )
    if len(found) > 1:
        names = ", ".join(f"{p.local_government.code} {p.local_government}" for p in pledges)
        raise CommandError(
            _("%(code)s 공약이 여러 지자체에 있습니다(%(names)s). --government로 지자체를 정하세요.")
            % {"code": code, "names": names}
        )
    return found[0]
