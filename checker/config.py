"""Settings: defaults in code, then setup.cfg [checker] in the working folder, then flags."""

from __future__ import annotations

import configparser
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.lexicon import RULES_DIR

FORMATS = ("table", "markdown", "json", "csv", "github", "html", "sarif")
FAIL_ON = ("high", "medium", "low", "never")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of a run, with its default."""

    format: str = "table"
    fail_on: str = "high"
    rules: Path = RULES_DIR
    match_threshold: float = 80.0  # rapidfuzz token_set_ratio for "same topic"
    max_file_mb: float = 20.0
    same_article: bool = False  # compare claims within one article too
    workers: int = 0  # processes for extraction on large batches; 0 = one per core


def load_settings(overrides: dict[str, Any] | None = None, cwd: Path | None = None) -> Settings:
    """Layer defaults, setup.cfg's [checker] section and explicit overrides (flags)."""
    settings = Settings()
    cfg = (cwd or Path.cwd()) / "setup.cfg"
    if cfg.is_file():
        settings = _apply(settings, _read_cfg(cfg), f"{cfg} [checker]")
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    return _validate(_apply(settings, given, "options"))


def _read_cfg(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as err:
        raise InputError(f"{path}: cannot read settings ({err.message.splitlines()[0]})") from err
    if not parser.has_section("checker"):
        return {}
    return {key.replace("-", "_"): value for key, value in parser.items("checker")}


def _apply(settings: Settings, values: dict[str, Any], where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise InputError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        changes[key] = _convert(key, value, getattr(settings, key), where)
    return replace(settings, **changes)


def _convert(key: str, value: Any, default: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if isinstance(default, bool):
            return value.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, Path):
            return Path(value)
    except ValueError as err:
        raise InputError(f"{where}: {key} = {value!r} is not a number") from err
    return value.strip()


def _validate(settings: Settings) -> Settings:
    if settings.format not in FORMATS:
        raise InputError(f"unknown format {settings.format!r} (choose from {', '.join(FORMATS)})")
    if settings.fail_on not in FAIL_ON:
        raise InputError(f"unknown fail-on level {settings.fail_on!r} (choose from {', '.join(FAIL_ON)})")
    if settings.workers < 0:
        raise InputError(f"workers must be 0 (one per core) or more, not {settings.workers}")
    if not 0 <= settings.match_threshold <= 100:
        raise InputError(f"match_threshold must be between 0 and 100, not {settings.match_threshold}")
    return settings


def describe(settings: Settings) -> list[tuple[str, str]]:
    """Return the effective settings as name/value rows."""
    return [(f.name, str(getattr(settings, f.name))) for f in fields(Settings)]
