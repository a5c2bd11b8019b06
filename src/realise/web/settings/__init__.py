"""The web pages of one room: the council's settings (ADR 0021)."""
