"""Hà Nội industrial-promotion dashboard: data model, builder and app logic."""

__version__ = "0.1.0"
