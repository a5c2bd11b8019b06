"""One renderer per format, each taking a ``realise.reports.context.Report``."""
