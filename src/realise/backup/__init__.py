"""Whole-database backup and restore as a documented, versioned zip archive.
See docs/formats/backup.md."""


class BackupError(ValueError):
    """An archive, a key or a database that backup or restore refuses, with a plain reason."""
