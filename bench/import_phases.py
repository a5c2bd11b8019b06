"""Where a savings import spends its time: reading, parsing cells, checking rows, writing.

Usage: .venv/bin/python bench/import_phases.py [ROWS]

Builds the same workbook and fresh SQLite database as bench/import.py (or uses $DATABASE_URL, an
empty database, to time PostgreSQL), then imports it with the importer's steps wrapped in timers:

- read: python-calamine reading the sheet and handing out its rows;
- parse cells: turning each cell into a value (money, years, dates, directorates, projects);
- check rows: keys, duplicates, and each ledger row checked by ``saving_build``;
- write: ``savings_insert`` appending the checked rows;
- commit: the end of the transaction (the database's deferred checks, then the commit);
- other: the importer's own bookkeeping (the rest of the elapsed time).

The timers add a little to the total; bench/import.py gives the figure the target is about.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
bench = __import__("import")  # bench/import.py: the same workbook and council

TIMES: dict[str, float] = {}


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name] = TIMES.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def timed_rows(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def wrapper(*args: Any) -> Iterator[Any]:
        rows = timed("read", function)(*args)
        step = timed("read", next)
        while True:
            try:
                yield step(rows)
            except StopIteration:
                return

    return wrapper


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    tmp = tempfile.mkdtemp(dir=os.environ.get("BENCH_TMP"))
    os.environ.update(REALISE_DATA_DIR=tmp, DJANGO_SETTINGS_MODULE="realise.config.settings.local")
    path = Path(tmp) / "savings.xlsx"
    bench.build(path, rows)
    bench.prepare()

    from django.db import connection, transaction

    from realise.imports import engine, readers
    from realise.portfolio.models import Organisation

    readers._sheet_rows = timed_rows(readers._sheet_rows)
    engine._parse_row = timed("parse cells", engine._parse_row)
    engine._apply_row = timed("check rows", engine._apply_row)
    engine._flush = timed("write", engine._flush)
    outer = transaction.Atomic.__exit__

    def leave(atomic: Any, *args: Any) -> Any:
        if connection.savepoint_ids:  # a savepoint inside the import's transaction
            return outer(atomic, *args)
        return timed("commit", outer)(atomic, *args)

    transaction.Atomic.__exit__ = leave  # type: ignore[method-assign]
    organisation = Organisation.objects.get(slug="bench")
    started, cpu = time.perf_counter(), time.process_time()
    outcome = engine.run_import(path, organisation=organisation, dry_run=False)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert outcome.ok, [str(p) for p in outcome.problems[:5]]
    TIMES["other"] = elapsed - sum(TIMES.values())
    phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in TIMES.items())
    print(
        f"{connection.vendor}: imported {len(outcome.created)} rows in {elapsed:.2f} s "
        f"(CPU {cpu:.2f} s): {phases}"
    )


if __name__ == "__main__":
    main()
