"""What the product's management commands share."""

import sys

from django.core.management.base import BaseCommand, CommandError, SystemCheckError


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
