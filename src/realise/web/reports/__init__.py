"""The web pages of one room: reports and data (ADR 0021)."""
