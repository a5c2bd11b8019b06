"""The web pages of one room: savings, carry-forwards, measure readings (ADR 0021)."""
