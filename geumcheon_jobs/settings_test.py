"""Settings for the test suite: the real settings in development mode with a fast password hasher.
DATABASE_URL still selects SQLite or PostgreSQL, so the same suite runs on both."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
