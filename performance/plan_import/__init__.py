"""An uploaded yearly plan against the database: a dry-run diff (added, changed, moved, removed 세부사업) with
every wrong cell named (`preview`), and applying it all-or-nothing with history (`apply`).

The web upload (`performance.views.plan_workbook`) and `manage.py import_plan` use exactly these functions.
A removed 세부사업 is kept with `is_active` off (its quarterly lines and pledge links stay); one with approved
results that year cannot be removed.
"""

from .apply import REASON_REQUIRED, PlanImportRefused, plan_import_apply
from .preview import NOT_ALLOWED, FieldChange, PlanImport, RowChange, plan_import_preview, year_plan_for

__all__ = [
    "NOT_ALLOWED",
    "REASON_REQUIRED",
    "FieldChange",
    "PlanImport",
    "PlanImportRefused",
    "RowChange",
    "plan_import_apply",
    "plan_import_preview",
    "year_plan_for",
]
