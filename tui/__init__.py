"""propdiff: compare revisions of multi-point proposals, point by point."""

__version__ = "0.1.0"
