"""Shared test helpers: where the shared material (seeds gold, dev corpus) lives."""

import shutil
from pathlib import Path

import pytest

from checker.lexicon import RULES_DIR

# The project is checked out with the team's shared folder beside it (../shared).
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """Return a copy of the bundled rules folder that a test may edit."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target
