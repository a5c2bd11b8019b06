"""Helpers for the backup tests that run the real `realise` command in subprocesses, against an
SQLite directory or a PostgreSQL database made for the test."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

REALISE = [sys.executable, "-c", "from realise.cli import main; main()"]
PG_SERVER = os.environ.get("REALISE_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
# Settings the subprocess must not inherit from whoever runs the tests.
_OWN = ("DATABASE_URL", "REALISE_DATA_DIR", "REALISE_BACKUP_KEY")


def realise(args, *, sqlite_dir=None, database_url=None, key=None, check=True):
    """Run `realise ARGS`; ``key`` sets REALISE_BACKUP_KEY for it."""
    env = {k: v for k, v in os.environ.items() if k not in _OWN}
    env["DJANGO_SETTINGS_MODULE"] = "realise.config.settings.test"
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env["REALISE_DATA_DIR"] = str(sqlite_dir)
    if key is not None:
        env["REALISE_BACKUP_KEY"] = key
    done = subprocess.run([*REALISE, *args], env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def tables(path: Path) -> list:
    return [
        (t["model"], t["rows"], t["json"]["sha256"], t["csv"]["sha256"])
        for t in manifest(path)["tables"]
    ]


def rewrite(
    source: Path,
    target: Path,
    *,
    change: dict[str, Callable[[bytes], bytes]] | None = None,
    add: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """Copy an archive, changing, adding or leaving out members, as someone editing it would."""
    change = change or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            if item.filename in drop:
                continue
            data = src.read(item)
            if item.filename in change:
                data = change[item.filename](data)
            dst.writestr(item, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return target


def edit_manifest(edit: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    """A change to manifest.json written back the way Realise writes it."""

    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        edit(data)
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()

    return change


def recount(data: dict) -> None:
    """Recompute the manifest's content checksum from its tables, as the format documents."""
    lines = "\n".join(f"{t['model']} {t['json']['sha256']}" for t in data["tables"])
    data["content_sha256"] = hashlib.sha256(lines.encode()).hexdigest()


def sqlite_tables(directory: Path) -> list[str]:
    """The tables in the SQLite database in ``directory`` (none when there is no file)."""
    path = directory / "realise.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return [name for (name,) in rows]


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
    except Exception:
        return False
    return True


def fresh_postgres(name: str, *, create: bool = True) -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def postgres_tables(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return [name for (name,) in rows]
