"""Models that combine performance and budget live here (none yet); the module also lets this app
receive post_migrate, which keeps the role groups in step (see apps.py)."""
