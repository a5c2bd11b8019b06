"""Bring your spreadsheets: import XLSX, ODS and CSV with located errors, all or nothing; export
any list; templates with drop-downs. See docs/formats/import.md."""
