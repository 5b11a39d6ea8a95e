"""Quarterly reporting screens. Views pick the objects the person may see, hand the input to a form and a
service, and render; they hold no rule of their own."""

from .figures import ApprovedLinesView, TargetsView
from .reports import (
    DepartmentReportsView,
    MyDepartmentView,
    NoticeListView,
    ReportActionView,
    ReportDetailView,
    ReportHistoryView,
    ResultEntryView,
)
from .review import BulkApproveView, DeadlineView, ReviewBoardView
from .workbooks import ImportConfirmView, ImportView, TemplateDownloadView

__all__ = [
    "ApprovedLinesView",
    "BulkApproveView",
    "DeadlineView",
    "DepartmentReportsView",
    "ImportConfirmView",
    "ImportView",
    "MyDepartmentView",
    "NoticeListView",
    "ReportActionView",
    "ReportDetailView",
    "ReportHistoryView",
    "ResultEntryView",
    "ReviewBoardView",
    "TargetsView",
    "TemplateDownloadView",
]
