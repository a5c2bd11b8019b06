"""Realise: an open-source Transformation Management Office for UK councils."""

__version__ = "0.1.0"
