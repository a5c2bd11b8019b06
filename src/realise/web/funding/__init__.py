"""The web pages of one room: funds, bids and grants (ADR 0021)."""
