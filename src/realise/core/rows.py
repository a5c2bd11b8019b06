"""One model instance by indexed columns, without building an ORM query.

Every signed-in page looks up its session, its user and its organisation. On this stack the
ORM spends about ten times longer building each of those one-row queries than the database spends
running it, so these hot lookups go through ``row`` (ADR 0011). It selects every concrete column,
applies the same field converters the ORM would, and returns an ordinary instance (``from_db``)."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

M = TypeVar("M", bound=models.Model)
OPERATORS = {"exact": "=", "gt": ">"}


def row(model: type[M], **where: Any) -> M | None:
    """``model.objects.filter(**where).first()`` for ``column=value`` and ``column__gt=value``
    conditions on an indexed column (``pk`` allowed), or None; no ordering, so use it only when
    at most one row can match."""
    conn = connections[DEFAULT_DB_ALIAS]
    plans = conn.__dict__.setdefault("_realise_row_plans", {})  # per connection, so per thread
    plan = plans.get((model, tuple(where)))
    if plan is None:
        plan = plans[(model, tuple(where))] = _plan(conn, model, tuple(where))
    sql, lookups, columns = plan
    params = [field.get_db_prep_value(where[key], conn) for key, field in lookups]
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    values = []
    for (col, converters), value in zip(columns, found, strict=True):
        for convert in converters:
            value = convert(value, col, conn)
        values.append(value)
    return model.from_db(conn.alias, _attnames(model), values)


@cache
def _attnames(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _plan(conn: Any, model: type[models.Model], keys: tuple[str, ...]) -> tuple[str, Any, Any]:
    """The SQL, the fields of the conditions and each column's converters."""
    opts = model._meta
    quote = conn.ops.quote_name
    conditions, lookups = [], []
    for key in keys:
        name, _, lookup = key.partition("__")
        field = opts.pk if name == "pk" else opts.get_field(name)
        conditions.append(f"{quote(field.column)} {OPERATORS[lookup or 'exact']} %s")
        lookups.append((key, field))
    fields = opts.concrete_fields
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"SELECT {columns} FROM {quote(opts.db_table)} WHERE {' AND '.join(conditions)}"
    converters = []
    for field in fields:
        col = field.get_col(opts.db_table)
        converters.append((col, conn.ops.get_db_converters(col) + field.get_db_converters(conn)))
    return sql, lookups, converters
