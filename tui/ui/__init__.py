"""The Textual app: a view over the core (`tui.core`) that lays results out and computes nothing itself."""
