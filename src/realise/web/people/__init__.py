"""The web pages of one room: people and set-password links (ADR 0021)."""
