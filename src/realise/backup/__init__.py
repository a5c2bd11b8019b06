"""Whole-database backup and restore as a documented, versioned zip archive.
See docs/formats/backup.md."""
