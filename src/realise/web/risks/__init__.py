"""The web pages of one room: the risk register (ADR 0021)."""
