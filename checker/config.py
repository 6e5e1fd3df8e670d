"""Settings: defaults in code, then the settings file (--config, or the first found upward), then flags."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from checker import setting_values as parse
from checker.errors import InputError
from checker.lexicon import RULES_DIR
from checker.rules import SEVERITIES, load_checks
from checker.settings_file import SettingsFile, find_settings_file, read_settings_file, search_folders

ENGINES = ("local", "dask")
FORMATS = ("table", "markdown", "json", "csv", "github", "html", "sarif")
FAIL_ON = ("high", "medium", "low", "never")
VERDICTS = ("all", "conflict", "update")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of a run, with its default."""

    format: str = "table"
    fail_on: str = "high"
    rules: Path = RULES_DIR
    match_threshold: float = 80.0  # rapidfuzz token_set_ratio for "same topic"
    max_file_mb: float = 20.0
    max_memory_mb: float = 1024.0  # the run's memory (address space) bound; past it, exit 2; 0 = none
    same_article: bool = False  # compare claims within one article too
    workers: int = 0  # processes for extraction on large batches; 0 = one per core
    engine: str = "local"  # local (this process and its extraction workers) | dask (a Dask cluster)
    scheduler: str = ""  # with engine dask: the scheduler's address; "" = a LocalCluster on this machine
    partitions: int = 0  # with engine dask: partitions of articles (and of stories); 0 = two per worker thread
    select: tuple[str, ...] = ()  # check ids or prefixes to report; () = every check
    ignore: tuple[str, ...] = ()  # check ids or prefixes not to report
    severity: tuple[tuple[str, str], ...] = ()  # (check id or prefix, level) overrides
    min_severity: str = "low"  # findings below it are not reported
    verdict: str = "all"  # all | conflict | update: which disputed facts are reported


PARSERS: dict[str, parse.Parser] = {
    "format": parse.choice(FORMATS),
    "fail_on": parse.choice(FAIL_ON),
    "rules": parse.path,
    "match_threshold": parse.number(float, 0, 100),
    "max_file_mb": parse.number(float, 0),
    "max_memory_mb": parse.number(float, 0),
    "same_article": parse.boolean,
    "workers": parse.number(int, 0),
    "engine": parse.choice(ENGINES),
    "scheduler": parse.text,
    "partitions": parse.number(int, 0),
    "select": parse.codes,
    "ignore": parse.codes,
    "severity": parse.levels,
    "min_severity": parse.choice(SEVERITIES),
    "verdict": parse.choice(VERDICTS),
}


@dataclass(frozen=True, slots=True)
class Layered:
    """The effective settings, where each came from, and the settings file read (if any)."""

    settings: Settings
    sources: dict[str, str]  # setting -> "default", "<file> [<section>]" or "--option"
    file: SettingsFile | None
    searched: tuple[Path, ...] = ()  # folders searched upward when no --config was given


def load_settings(overrides: dict[str, Any] | None = None, cwd: Path | None = None,
                  config: Path | None = None) -> Settings:
    """Return the effective settings; see layer_settings."""
    return layer_settings(overrides, cwd, config).settings


def layer_settings(overrides: dict[str, Any] | None = None, cwd: Path | None = None,
                   config: Path | None = None) -> Layered:
    """Layer the defaults, one settings file and the flags; each later layer wins per setting
    (severity overrides add up per check, the flags' last).

    The settings file is `config` when given, else the first pyproject.toml holding
    [tool.checker] or setup.cfg holding [checker] from `cwd` upward (see settings_file).
    Paths in a file are relative to its folder; paths given as flags to `cwd`.
    """
    cwd = (cwd or Path.cwd()).resolve()
    found = read_settings_file(config) if config else find_settings_file(cwd)
    layers = []
    if found:
        layers.append(_Layer(found.label, {key: _parse(key, raw, found.path.parent, found.label)
                                           for key, raw in found.values.items()}))
    given = {key: raw for key, raw in (overrides or {}).items() if raw is not None and raw != ()}
    layers.append(_Layer("", {key: _parse(key, raw, cwd, flag=_flag(key)) for key, raw in given.items()}))
    values: dict[str, Any] = {}
    sources = {f.name: "default" for f in fields(Settings)}
    for layer in layers:
        for key, value in layer.values.items():
            source = layer.label or _flag(key)
            if key == "severity" and key in values:  # overrides add up check by check, the flags' last
                value = tuple({**dict(values[key]), **dict(value)}.items())
                source = f"{sources[key]}; {source}"
            values[key], sources[key] = value, source
    settings = Settings(**values)
    _check_codes(settings.rules, layers)
    return Layered(settings, sources, found, () if config else tuple(search_folders(cwd)))


@dataclass(frozen=True, slots=True)
class _Layer:
    """The values one layer sets: a settings file's section, or the flags (no label)."""

    label: str
    values: dict[str, Any]

    def where(self, key: str) -> str:
        """Name where a value was set: "FILE [SECTION]: key" or "--option"."""
        return f"{self.label}: {key}" if self.label else _flag(key)


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def _parse(key: str, raw: Any, base: Path, label: str = "", flag: str = "") -> Any:
    """Convert one raw value (text from INI or a flag, a typed TOML value) or raise a one-line
    InputError naming the file and key (`label`) or the option (`flag`)."""
    parser = PARSERS.get(key)
    if parser is None:
        known = ", ".join(f.name for f in fields(Settings))
        raise InputError(f"{label}: unknown setting {key!r} (known: {known})")
    try:
        return parser(raw, base)
    except ValueError as err:
        if not flag:
            where = f"{label}: {key} = {parse.shown(raw)}"
        else:  # a repeatable flag's values are many, and the parser's message names the bad one
            where = flag if isinstance(raw, tuple) else f"{flag} {parse.shown(raw)}"
        raise InputError(f"{where}: {err}") from None


def _check_codes(rules: Path, layers: list[_Layer]) -> None:
    """Refuse a check id or prefix in select, ignore or severity that starts no check's id."""
    named = [(layer, key, [code for code, _ in value] if key == "severity" else list(value))
             for layer in layers for key, value in layer.values.items() if key in ("select", "ignore", "severity")]
    if not any(codes for _, _, codes in named):
        return  # the rules are read only when a setting names a check
    ids = sorted(check.id for check in load_checks(rules))
    for layer, key, codes in named:
        for code in codes:
            if not any(check_id.startswith(code) for check_id in ids):
                raise InputError(f"{layer.where(key)}: unknown check id or prefix {code!r} "
                                 f"(checks: {', '.join(ids)}; `checker rules` describes them)")


def describe(layered: Layered) -> list[tuple[str, str, str]]:
    """Return the effective settings as name, value and where the value came from."""
    settings = layered.settings
    return [(f.name, _display(getattr(settings, f.name), f.name), layered.sources[f.name]) for f in fields(Settings)]


def _display(value: Any, name: str) -> str:
    if name == "severity":
        return ", ".join(f"{code}={level}" for code, level in value) or "(as the checks grade them)"
    if isinstance(value, tuple):
        return ", ".join(value) or ("(every check)" if name == "select" else "(none)")
    if name == "scheduler":
        return value or "(a LocalCluster on this machine)"
    return str(value)
