"""The one way services write a row: ``validated_save``. In core, below every domain app, so the
concurrency helpers and each app's services share it without importing one another."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def validated_save(obj: M, *, by: Any = None, verbatim: tuple[str, ...] = ()) -> M:
    """``full_clean()`` then ``save()``: the one way services write a row. One-line text (names,
    codes, titles) loses spaces, tabs and line breaks at its ends, as every web form already
    strips them, so the API and imports store the same text a form would (notes too); the
    fields named in ``verbatim`` (a document kept exactly as written) are left as they are.
    ``by``, when given, is the person the row's history records (else the request's or
    command's)."""
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    for field in obj._meta.concrete_fields:
        if field.name in verbatim:
            continue
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(obj, field.attname)
            if isinstance(value, str) and value != value.strip():
                setattr(obj, field.attname, value.strip())
    obj.full_clean()
    obj.save()
    return obj
