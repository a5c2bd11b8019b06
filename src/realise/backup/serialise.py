"""Turn a row into canonical JSON values and back, the same on SQLite and PostgreSQL: Decimals as
strings with the field's decimal places, datetimes as ISO 8601 in UTC, dates as ISO 8601, and
references to Django's content types and permissions by natural key (their ids differ between
databases)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import models

NATURAL = {"contenttypes.contenttype", "auth.permission"}


def canonical(value: Any) -> str:
    """JSON text with no optional whitespace and sorted keys: one text per value."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def natural_target(field: models.Field[Any, Any]) -> str | None:
    related = field.related_model if field.is_relation else None
    if related is None:
        return None
    label = related._meta.label_lower
    return label if label in NATURAL else None


def _datetime(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


_SIMPLE: list[tuple[type | tuple[type, ...], Any]] = [
    (datetime, _datetime),
    ((date, time), lambda v: v.isoformat()),
    (timedelta, lambda v: v.total_seconds()),
    (uuid.UUID, str),
    ((bytes, memoryview), lambda v: base64.b64encode(bytes(v)).decode("ascii")),
    (float, repr),
]


def to_json(field: models.Field[Any, Any], value: Any) -> Any:
    """A database value of ``field`` as a JSON value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        return format(value, "f")
    for kind, convert in _SIMPLE:
        if isinstance(value, kind):
            return convert(value)
    return json.loads(canonical(value))  # JSONField content


def from_json(field: models.Field[Any, Any], value: Any) -> Any:
    """A JSON value written by ``to_json`` back into what ``field`` stores."""
    if value is None:
        return None
    internal = field.get_internal_type()
    if internal == "DecimalField":
        return Decimal(value)
    if internal == "DateTimeField":
        return datetime.fromisoformat(value.removesuffix("Z")).replace(tzinfo=UTC)
    if internal == "DateField":
        return date.fromisoformat(value)
    if internal == "TimeField":
        return time.fromisoformat(value)
    if internal == "DurationField":
        return timedelta(seconds=value)
    if internal == "BinaryField":
        return base64.b64decode(value)
    if internal == "FloatField":
        return float(value)
    return value


def csv_text(value: Any) -> str:
    """A JSON value as a CSV cell (empty for null: the JSON file is the one restore reads)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return canonical(value)
    return str(value)
