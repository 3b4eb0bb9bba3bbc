"""Widgets of the app, one main class per module."""
