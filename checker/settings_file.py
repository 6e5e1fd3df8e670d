"""Find and read the settings file: pyproject.toml [tool.checker] or setup.cfg [checker]."""

from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import InputError

# Looked for in this order in each folder; the first file holding its section wins.
CANDIDATES = (("pyproject.toml", "tool.checker"), ("setup.cfg", "checker"))


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """A settings file's section: where it is and the values it holds."""

    path: Path
    section: str
    values: dict[str, Any]

    @property
    def label(self) -> str:
        """Name the file and section, as messages and `checker config` show them."""
        return f"{self.path} [{self.section}]"


def search_folders(start: Path) -> list[Path]:
    """Return the folders searched from `start` upward: up to a filesystem root or the first
    folder holding .git (a repository's or worktree's top, itself searched)."""
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        # .git is a folder in a checkout and a file in a worktree; either marks the top.
        if (folder / ".git").exists():
            break
    return folders


def find_settings_file(start: Path) -> SettingsFile | None:
    """Return the first section found in the folders from `start` upward, or None."""
    for folder in search_folders(start.resolve()):
        for name, section in CANDIDATES:
            path = folder / name
            if path.is_file():
                values = _section(path, section)
                if values is not None:
                    return SettingsFile(path, section, values)
    return None


def read_settings_file(path: Path) -> SettingsFile:
    """Read a file named by --config: TOML ([tool.checker]) when it ends in .toml, else INI ([checker])."""
    path = path.resolve()
    if not path.is_file():
        raise InputError(f"{path}: settings file not found")
    section = CANDIDATES[0][1] if path.suffix.lower() == ".toml" else CANDIDATES[1][1]
    values = _section(path, section)
    if values is None:
        raise InputError(f"{path}: no [{section}] section")
    return SettingsFile(path, section, values)


def _section(path: Path, section: str) -> dict[str, Any] | None:
    """Return the section's values with keys in snake case, or None when the file lacks it."""
    values = _toml_section(path, section) if path.suffix.lower() == ".toml" else _ini_section(path, section)
    if values is None:
        return None
    return {str(key).replace("-", "_"): value for key, value in values.items()}


def _toml_section(path: Path, section: str) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read settings ({getattr(err, 'strerror', None) or err})") from err
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: not valid TOML ({err})") from err
    for part in section.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    if data is not None and not isinstance(data, dict):
        raise InputError(f"{path}: [{section}] is not a table")
    return data


def _ini_section(path: Path, section: str) -> dict[str, str] | None:
    # No interpolation: a "%" in a value is just a character. Inline comments after ";" or "#".
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";", "#"))
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read settings ({getattr(err, 'strerror', None) or err})") from err
    except configparser.Error as err:
        raise InputError(f"{path}: cannot read settings ({err.message.splitlines()[0]})") from err
    return dict(parser.items(section)) if parser.has_section(section) else None
