"""The command line: parse options, call the engine, write output. No logic here."""

from __future__ import annotations

import sys
import textwrap
from enum import IntEnum
from pathlib import Path

import click
from tabulate import tabulate

from checker import __version__
from checker.baseline import Accepted, apply_baseline, load_baseline
from checker.config import FAIL_ON, FORMATS, describe, load_settings
from checker.engine import extract_claims, merge_reports, run
from checker.errors import InputError, RulesError
from checker.evaluate import evaluate, read_gold, render_eval
from checker.loader import load_paths
from checker.output import write_all
from checker.report import REPORTERS
from checker.report.evidence import articles_by_id
from checker.review import guard_review
from checker.rules import load_checks

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
OUT_FILES = {"report.md": "markdown", "report.json": "json", "report.html": "html", "discrepancies.csv": "csv"}


class Exit(IntEnum):
    """Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


def _fail(message: str) -> None:
    click.echo(f"checker: error: {message}", err=True)
    sys.exit(Exit.ERROR)


def _warn(warnings) -> None:
    for warning in warnings:
        # A store's notes ("store: article X changed; ...") read as they are.
        prefix = "checker: " if warning.startswith("store: ") else "checker: warning: "
        click.echo(f"{prefix}{warning}", err=True)


def _settings(**flags):
    try:
        return load_settings(flags)
    except (InputError, RulesError) as err:
        _fail(str(err))


def _progress():
    """Return a progress callback drawing a bar on a terminal's stderr, else None."""
    if not sys.stderr.isatty():
        return None
    state = {}

    def update(done: int, total: int) -> None:
        if total < 50:
            return
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label="extracting", file=sys.stderr)
            bar.__enter__()
        bar.update(1)
        if done == total:
            bar.__exit__(None, None, None)

    return update


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Find where news articles about one story disagree on checkable facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: table).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write report.md, report.json, report.html and discrepancies.csv into this folder.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Exit 1 when a finding is at least this severe (default: high).")
@click.option("--rules", type=click.Path(file_okay=False, path_type=Path), help="Rules folder (default: the bundled rules/).")
@click.option("--same-article/--different-articles", default=None, help="Also compare claims within one article.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Accepted findings: a reviewed discrepancies.csv (rows whose status accepts them) "
                   "or an earlier report.json (findings it marks suppressed).")
@click.option("--accept-unreviewed", is_flag=True,
              help="Also accept the baseline's findings nobody reviewed (CSV rows with a blank status; "
                   "every finding a JSON report lists).")
@click.option("--store", "store", type=click.Path(dir_okay=False, path_type=Path),
              help="Claim store (SQLite): also compare with every earlier batch, then add this one.")
@click.option("--one-story", is_flag=True, help="Treat the whole batch as one story (do not group articles).")
def check(paths, fmt, out, fail_on, rules, same_article, baseline, accept_unreviewed, store, one_story) -> None:
    """Check articles (files, folders, manifests, CSV/JSONL tables, HTML pages) for discrepancies."""
    settings = _settings(format=fmt, fail_on=fail_on, rules=rules, same_article=same_article)
    if accept_unreviewed and not baseline:
        _fail("--accept-unreviewed needs --baseline FILE")
    try:
        accepted = load_baseline(baseline, accept_unreviewed) if baseline else Accepted()
        if out:
            guard_review(out / "discrepancies.csv", baseline)
        if store:
            from checker.history import check_with_store

            checked = check_with_store(paths, settings, store, _progress(), one_story=one_story)
        else:
            checked = run(paths, settings, _progress(), one_story=one_story)
        report = apply_baseline(checked, accepted)
        text = REPORTERS[settings.format](report)
        files = {name: REPORTERS[kind](report) for name, kind in OUT_FILES.items()} if out else {}
        if out:
            written = write_all(out, files)
    except (InputError, RulesError) as err:
        _fail(str(err))
    _warn(accepted.warnings + report.warnings)
    if baseline:
        click.echo(f"checker: baseline {baseline}: {len(report.suppressed)} finding(s) suppressed, "
                   f"{len(report.reopened)} reopened by a new value, "
                   f"{len(report.stale)} stale entr{'y' if len(report.stale) == 1 else 'ies'}", err=True)
    click.echo(text, nl=False)
    if out:
        click.echo(f"checker: wrote {', '.join(str(p) for p in written)}", err=True)
    sys.exit(_status(report, settings.fail_on))


def _status(report, fail_on: str) -> Exit:
    if fail_on == "never":
        return Exit.CLEAN
    threshold = SEVERITY_RANK[fail_on]
    hit = any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings if f.id not in report.suppressed)
    return Exit.FINDINGS if hit else Exit.CLEAN


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("csv", "json")), default="csv", show_default=True,
              help="Output format of the claims table.")
@click.option("--rules", type=click.Path(file_okay=False, path_type=Path), help="Rules folder.")
@click.option("--store", "store", type=click.Path(dir_okay=False, path_type=Path),
              help="Print the claims kept in this claim store (PATHs are then optional and ignored).")
def extract(paths, fmt, rules, store) -> None:
    """Print the claims found in the articles, one row per claim."""
    settings = _settings(rules=rules)
    if not paths and not store:
        _fail("give at least one PATH, or --store DB")
    warnings = ()
    try:
        if store:
            from checker.store import Store

            _require_store(store)
            with Store(store) as db:
                articles, claims = db.all_claims()
        else:
            loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
            articles, warnings = loaded.articles, loaded.warnings
            claims = extract_claims(articles, settings, _progress())
    except (InputError, RulesError) as err:
        _fail(str(err))
    _warn(warnings)
    from checker.dataframes import claims_frame  # pandas loads only for the claims table

    frame = claims_frame(claims, articles_by_id(articles))
    if fmt == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(frame.to_json(orient="records", indent=2, force_ascii=False))


def _require_store(path: Path) -> None:
    """Refuse a store that does not exist (reading commands never create one)."""
    if not path.is_file():
        raise InputError(f"store {path} does not exist")


@main.group("store")
def store_group() -> None:
    """Look into or edit a claim store written by `check --store`."""


_STORE_OPTION = click.option("--store", "store", required=True, type=click.Path(dir_okay=False, path_type=Path),
                             help="The claim store (SQLite).")


def _open_store(path: Path):
    from checker.store import Store

    try:
        _require_store(path)
        return Store(path)
    except InputError as err:
        _fail(str(err))


@store_group.command("stats")
@_STORE_OPTION
def store_stats(store) -> None:
    """Count the stored articles, claims and facts, overall and by batch."""
    with _open_store(store) as db:
        counts, batches = db.counts(), db.batches()
    click.echo(tabulate([(k, v) for k, v in counts.items()], headers=["table", "rows"]))
    click.echo()
    click.echo(tabulate(batches, headers=["batch", "created", "checked in", "articles", "claims", "facts written"]))


@store_group.command("list")
@_STORE_OPTION
def store_list(store) -> None:
    """List the stored articles: id, source, published, batch, claims."""
    with _open_store(store) as db:
        rows = db.article_list()
    click.echo(tabulate(rows, headers=["id", "source", "published", "batch", "claims"]))


@store_group.command("forget")
@click.argument("article")
@_STORE_OPTION
def store_forget(article, store) -> None:
    """Remove one article, its claims and the facts that cite them."""
    with _open_store(store) as db:
        try:
            count = db.forget(article)
        except InputError as err:
            _fail(str(err))
    click.echo(f"checker: store: forgot article {article} and its {count} claim(s)", err=True)


@main.command("eval")
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Labelled pairs (CSV in the format of seeds-gold.csv).")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A fact inventory (CSV in the format of corpus/dev/facts.csv); instead of --gold.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--exhaustive", is_flag=True,
              help="With --gold: count unlabelled findings as false (the labels list every fact).")
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.0, help="Exit 1 when overall precision is lower.")
@click.option("--min-recall", type=click.FloatRange(0, 1), default=0.0,
              help="Exit 1 when overall recall (with --facts: disputed-fact recall) is lower.")
@click.option("--rules", type=click.Path(file_okay=False, path_type=Path), help="Rules folder.")
@click.option("--quiet", is_flag=True, help="Print the table only, not the missed and false findings.")
def evaluate_command(gold_path, facts_path, paths, exhaustive, min_precision, min_recall, rules, quiet) -> None:
    """Measure precision and recall per claim kind against labelled pairs or a fact inventory.

    Each PATH is checked as a batch of its own (one story per folder), so
    `checker eval --gold gold.csv corpus/dev/*/` never compares two stories.
    """
    from checker.evaluate import joined
    from checker.evaluate_facts import evaluate_facts, render_facts
    from checker.fact_inventory import read_facts

    if (gold_path is None) == (facts_path is None):
        _fail("give one of --gold GOLD.csv and --facts FACTS.csv")
    settings = _settings(rules=rules)
    try:
        labels = read_gold(gold_path) if gold_path else read_facts(facts_path)
        report = joined([run([path], settings, _progress()) for path in paths])
        result = evaluate(report, labels, exhaustive=exhaustive) if gold_path else evaluate_facts(report, labels)
    except (InputError, RulesError) as err:
        _fail(str(err))
    _warn(report.warnings)
    click.echo((render_eval if gold_path else render_facts)(result, verbose=not quiet))
    overall = result.scores[-1]
    short = (overall.precision is not None and overall.precision < min_precision) or (
        overall.recall is not None and overall.recall < min_recall)
    sys.exit(Exit.FINDINGS if short else Exit.CLEAN)


@main.command("rules")
@click.option("--rules", type=click.Path(file_okay=False, path_type=Path), help="Rules folder.")
def rules_command(rules) -> None:
    """List every check with its id, name, what it applies to and its description."""
    settings = _settings(rules=rules)
    try:
        checks = sorted(load_checks(settings.rules), key=lambda c: c.id)
    except RulesError as err:
        _fail(str(err))
    rows = [(c.id, c.name, ", ".join(c.dimensions), ", ".join(c.predicates), textwrap.fill(c.description, 60))
            for c in checks]
    click.echo(tabulate(rows, headers=["id", "name", "dimensions", "predicates", "description"]))


@main.command()
def config() -> None:
    """Print the effective settings (defaults, then setup.cfg [checker], then flags)."""
    settings = _settings()
    click.echo(tabulate(describe(settings), headers=["setting", "value"]))
