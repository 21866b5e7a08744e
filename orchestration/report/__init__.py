"""The visual report: one self-contained HTML file about what the warehouse holds."""
from orchestration.report.html import ReportResult, write_report

__all__ = ["ReportResult", "write_report"]
