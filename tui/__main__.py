"""`python -m tui` does what the `propdiff` command does."""

from .cli import run

if __name__ == "__main__":
    run()
