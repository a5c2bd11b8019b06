"""Helpers every app shares that belong to no single app."""
