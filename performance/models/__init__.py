"""The domain's models, one module per part: who works (organisation), the plan (plans), pledges and their
cards (pledges), and the quarterly results (results)."""

from .editions import YearPlanEdition
from .evaluations import EVALUATION_SECTIONS, EvaluationEvidence, EvaluationReport
from .organisation import Department, LocalGovernment, Membership
from .plans import (
    MAX_JOBS,
    MAX_MILLION_WON,
    YEAR_VALIDATORS,
    FundingSource,
    GovernmentFundingSource,
    Programme,
    ProgrammeBudget,
    ProgrammeLineage,
    ProgrammeType,
    Strategy,
    TargetGroup,
    Task,
    TermPlan,
    YearPlan,
)
from .pledges import AnnualTarget, FuturePlanItem, Pledge, PledgeAuthor, PledgeProgramme, PledgeStatus, ProgressEntry
from .results import QUARTERS, Notice, QuarterlyReport, QuarterlyReportLine, ReportingDeadline, ResultsRevision
from .summaries import ALL_DEPARTMENTS, BudgetSummary, Dimension, ResultSummary, TargetSummary

__all__ = [
    "ALL_DEPARTMENTS",
    "EVALUATION_SECTIONS",
    "MAX_JOBS",
    "MAX_MILLION_WON",
    "QUARTERS",
    "YEAR_VALIDATORS",
    "AnnualTarget",
    "BudgetSummary",
    "Department",
    "Dimension",
    "EvaluationEvidence",
    "EvaluationReport",
    "FundingSource",
    "FuturePlanItem",
    "GovernmentFundingSource",
    "LocalGovernment",
    "Membership",
    "Notice",
    "Pledge",
    "PledgeAuthor",
    "PledgeProgramme",
    "PledgeStatus",
    "Programme",
    "ProgrammeBudget",
    "ProgrammeLineage",
    "ProgrammeType",
    "ProgressEntry",
    "QuarterlyReport",
    "QuarterlyReportLine",
    "ReportingDeadline",
    "ResultSummary",
    "ResultsRevision",
    "Strategy",
    "TargetGroup",
    "TargetSummary",
    "Task",
    "TermPlan",
    "YearPlan",
    "YearPlanEdition",
]
