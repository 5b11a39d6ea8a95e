"""The site has no models of its own. The module exists so that this app receives post_migrate, which keeps the
role groups in step (see apps.py); issued documents live in `documents.models`."""
