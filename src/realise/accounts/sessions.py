"""Django's database sessions, looked up without building an ORM query on every request
(``realise.core.rows``; ADR 0011). Same table, same expiry rule, same behaviour otherwise."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.utils import timezone

from realise.core.rows import row


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        if self.session_key is None:
            return None
        found = row(self.model, session_key=self.session_key, expire_date__gt=timezone.now())
        if found is None:
            self._session_key = None
        return found
