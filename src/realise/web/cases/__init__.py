"""The web pages of one room: the business case (ADR 0021)."""
