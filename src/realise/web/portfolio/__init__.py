"""The web pages of one room: projects and decisions (ADR 0021)."""
