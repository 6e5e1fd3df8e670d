"""Shared test helpers: where the shared material (seeds gold, dev corpus) lives."""

from pathlib import Path

# The project is checked out with the team's shared folder beside it (../shared).
SHARED = Path(__file__).resolve().parents[2] / "shared"
