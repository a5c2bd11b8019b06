"""The web pages of one room: home, sign-in, dashboard, errors (ADR 0021)."""
