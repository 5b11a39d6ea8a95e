import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geumcheon_jobs.settings")

try:
    application = get_wsgi_application()
except Exception as exc:  # a settings error: one clear line for the operator, not a traceback
    from geumcheon_jobs.env import SettingsError

    if isinstance(exc, SettingsError):
        sys.exit(f"Configuration error: {exc}")
    raise
