"""Logging filters used by settings.LOGGING."""

import logging

from django.core.exceptions import PermissionDenied


class RefusalWithoutTraceback(logging.Filter):
    """A refused request (PermissionDenied → 403) is an expected answer, not a fault: its one warning line
    ("Forbidden (Permission denied): /path") says all there is, so the traceback Django attaches is dropped.
    Every other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info, record.exc_text = None, None
        return True
