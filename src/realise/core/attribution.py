"""Who made a change that did not come through a web request: the command line, the demo loader.

On the web and through the API, django-simple-history's middleware records the signed-in person
on every history row. A command has no request, so ``recorded_as`` does the same for the rows
written inside it: the person named with ``--as`` as the history's user, and a plain description
of where the change came from (the operating-system account, the file and its checksum) as the
history's change reason, so the change log never says "someone (no user recorded)".
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

_reason: ContextVar[str] = ContextVar("realise_change_reason", default="")


@dataclass(frozen=True)
class _Acting:
    """What simple-history reads from a request: ``user``."""

    user: Any


def os_user() -> str:
    """The operating-system account running this process (or "unknown" when none is set)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def file_described(path: Path) -> str:
    """A file as the change log names it: its name and the start of its SHA-256."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{Path(path).name} (sha256 {digest.hexdigest()[:16]})"


def command_reason(command: str, *, file: Path | None = None) -> str:
    """``realise import of savings.xlsx (sha256 …) by OS user jo`` and the like."""
    what = f"realise {command}" + (f" of {file_described(file)}" if file else "")
    return f"{what}, run by OS user {os_user()}"


@contextmanager
def recorded_as(user: Any = None, *, reason: str = "") -> Iterator[None]:
    """Attribute every history row written inside to ``user`` (a person, or None) and, where the
    row has no reason of its own, to ``reason``. Restores what was there before on the way out."""
    context = HistoricalRecords.context
    before = getattr(context, "request", None)
    token = _reason.set(reason)
    if user is not None:
        context.request = _Acting(user)
    try:
        yield
    finally:
        _reason.reset(token)
        if user is not None:
            if before is None:
                del context.request
            else:
                context.request = before


@receiver(pre_create_historical_record)
def _give_reason(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    reason = _reason.get()
    if reason and not getattr(history_instance, "history_change_reason", None):
        history_instance.history_change_reason = reason[:100]
