"""The command line: parse options, call the engine, write output. No logic here."""

from __future__ import annotations

import os
import sys
import textwrap
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path

import click
from tabulate import tabulate

from checker import __version__
from checker import engine as local_engine
from checker.baseline import Accepted, apply_baseline, load_baseline
from checker.cli_options import (config_option, engine_options, fail_on_option, format_option, rules_option,
                                 same_article_option, selection_options, setting_options, terminal_options)
from checker.config import describe, layer_settings
from checker.engine import extract_claims, run
from checker.errors import InputError, RulesError
from checker.evaluate import evaluate, read_gold, render_eval
from checker.files import irregular
from checker.guard import (Terminated, bound_memory, debugging, error_line, out_of_memory, signals_as_exceptions,
                           unbound_memory)
from checker.loader import load_paths
from checker.output import OUT_FILES, write_all
from checker.report import REPORTERS, rendered, table
from checker.report.details import details, timings
from checker.report.evidence import articles_by_id
from checker.report.sanitize import defuse, one_line
from checker.report.statistics import render as statistics_text
from checker.review import guard_review
from checker.rules import load_checks
from checker.selection import choose, hidden_note
from checker.terminal import Clock, Voice, use_color

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


class Exit(IntEnum):
    """Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error (the memory
    bound too), 3 internal error, 130 interrupted (SIGINT), 143 terminated (SIGTERM)."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2
    INTERNAL = 3
    INTERRUPTED = 130
    TERMINATED = 143


def _fail(message: str) -> None:
    click.echo(one_line(f"checker: error: {message}"), err=True)
    sys.exit(Exit.ERROR)


def _warn(warnings, quiet: bool = False) -> None:
    if quiet:
        return
    for warning in warnings:
        # A store's notes ("store: article X changed; ...") read as they are.
        prefix = "checker: " if warning.startswith("store: ") else "checker: warning: "
        click.echo(one_line(f"{prefix}{warning}"), err=True)


def _layered(config: Path | None = None, **flags):
    try:
        return layer_settings(flags, config=config)
    except (InputError, RulesError) as err:
        _fail(str(err))


def _settings(config: Path | None = None, **flags):
    settings = _layered(config, **flags).settings
    bound_memory(settings.max_memory_mb)  # every command that reads articles asks for its settings
    return settings


def _progress(quiet: bool = False):
    """Return a progress callback drawing a bar on a terminal's stderr, else None."""
    if quiet or not sys.stderr.isatty():
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


class _Guarded(click.Group):
    """The command group, which turns what no command handles into one line and an exit status:
    an internal error 3, the memory bound 2, Ctrl-C 130, SIGTERM 143 (CHECKER_DEBUG=1 shows
    an internal error's traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            with signals_as_exceptions():
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            _stopped("interrupted", Exit.INTERRUPTED)
        except Terminated:
            _stopped("terminated", Exit.TERMINATED)
        except (InputError, RulesError) as err:
            _fail(str(err))
        except BrokenPipeError:  # `checker check ... | head`: the reader left, nothing is wrong here
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            _fail("standard output was closed before the report was written out (broken pipe)")
        except Exception as exc:  # MemoryError included
            if out_of_memory(exc):
                _out_of_memory()
            if debugging():
                raise
            _stopped(f"internal error: {error_line(exc, 300)} (set CHECKER_DEBUG=1 for the traceback)", Exit.INTERNAL)
        finally:
            unbound_memory()


def _stopped(message: str, status: Exit) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(status)


def _out_of_memory() -> None:
    bound = unbound_memory()  # room to report it in
    limit = f"the {bound:g} MB memory bound (max_memory_mb)" if bound else "the memory available"
    _fail(f"out of memory: this batch needs more than {limit}; raise max_memory_mb or check fewer articles at once")


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Find where news articles about one story disagree on checkable facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write report.md, report.json, report.html, discrepancies.csv and report.sarif "
                   "into this folder.")
@fail_on_option
@rules_option
@same_article_option
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Accepted findings: a reviewed discrepancies.csv (rows whose status accepts them) "
                   "or an earlier report.json (findings it marks suppressed).")
@click.option("--accept-unreviewed", is_flag=True,
              help="Also accept the baseline's findings nobody reviewed (CSV rows with a blank status; "
                   "every finding a JSON report lists).")
@click.option("--store", "store", type=click.Path(dir_okay=False, path_type=Path),
              help="Claim store (SQLite): also compare with every earlier batch, then add this one.")
@click.option("--replace", is_flag=True,
              help="With --store: a new version of a stored article overwrites the earlier one (by default "
                   "the earlier version is kept and `checker store revert` puts it back).")
@click.option("--one-story", is_flag=True, help="Treat the whole batch as one story (do not group articles).")
@engine_options
@selection_options
@config_option
@terminal_options
def check(paths, fmt, out, fail_on, rules, same_article, baseline, accept_unreviewed, store, replace, one_story,
          engine, scheduler, partitions, select, ignore, severity, min_severity, verdict, config, color, quiet,
          verbose, statistics) -> None:
    """Check articles (files, folders, manifests, CSV/JSONL tables, HTML pages; - reads one
    article from standard input) for discrepancies."""
    settings = _settings(config, format=fmt, fail_on=fail_on, rules=rules, same_article=same_article, select=select,
                         ignore=ignore, severity=severity, min_severity=min_severity, verdict=verdict,
                         engine=engine, scheduler=scheduler, partitions=partitions)
    if (scheduler or partitions) and settings.engine != "dask":
        _fail(f"{'--scheduler' if scheduler else '--partitions'} needs --engine dask")
    if accept_unreviewed and not baseline:
        _fail("--accept-unreviewed needs --baseline FILE")
    if replace and not store:
        _fail("--replace needs --store DB")
    voice, clock = Voice(quiet, verbose), Clock()
    progress = clock.watching(_progress(quiet)) if voice.verbose else _progress(quiet)
    colour = settings.format == "table" and use_color(color, sys.stdout)
    try:
        accepted = _baseline(baseline, accept_unreviewed)
        if out:
            guard_review(out / "discrepancies.csv", baseline)
        with _engine(settings) as chosen:
            if store:
                from checker.history import check_with_store

                checked = check_with_store(paths, settings, store, progress, one_story=one_story, replace=replace,
                                           engine=chosen)
            else:
                checked = chosen.run(paths, settings, progress, one_story=one_story)
        clock.check_done()
        # Selection comes after the baseline, so an accepted finding of an ignored check is not stale.
        report, hidden = choose(apply_baseline(checked, accepted), settings)
        # A report reaches standard output in pieces, as its file does: never held whole.
        text = (table.render(report, color=True),) if colour else rendered(settings.format, report)
        files = {name: rendered(kind, report) for name, kind in OUT_FILES.items()} if out else {}
        if out:
            written = write_all(out, files)
        clock.step("reported")
    except (InputError, RulesError) as err:
        _fail(str(err))
    _warn(accepted.warnings + report.warnings, quiet)
    if baseline:
        voice.note(f"baseline {baseline}: {len(report.suppressed)} finding(s) suppressed, "
                   f"{len(report.reopened)} reopened by a new value, "
                   f"{len(report.stale)} stale entr{'y' if len(report.stale) == 1 else 'ies'}")
    voice.note(hidden_note(hidden, settings))
    for line in [*details(checked), timings(clock.steps)]:
        voice.detail(line)
    for piece in text:
        click.echo(piece, nl=False, color=True if colour else None)
    if out:
        voice.note(f"wrote {', '.join(str(p) for p in written)}")
    _step_summary(report, quiet)
    if statistics:
        click.echo(statistics_text(report), nl=False, err=True)
    sys.exit(_status(report, settings.fail_on))


DASK_MISSING = ("--engine dask needs the dask extra (dask[distributed]): pip install 'checker[dask]' "
                "(in a checkout: pip install -e '.[dask]')")


@contextmanager
def _engine(settings):
    """Yield the engine the settings ask for: this machine's (checker.engine) or a Dask cluster's."""
    if settings.engine != "dask":
        yield local_engine
        return
    try:  # Dask is imported only when it is asked for
        from checker.distributed.cluster import connected
        from checker.distributed.engine import DaskEngine
    except ImportError as err:
        if out_of_memory(err):
            raise
        _fail(DASK_MISSING)
    with connected(settings) as client:
        yield DaskEngine(client, settings.partitions)


def _baseline(path: Path | None, accept_unreviewed: bool) -> Accepted:
    """Read the baseline; one that is no regular file (a FIFO would block) is passed by with a warning."""
    if not path:
        return Accepted()
    problem = irregular(os.fspath(path))
    if problem:
        return Accepted(warnings=(f"--baseline {path}: {problem}; checked without a baseline",))
    return load_baseline(path, accept_unreviewed)


def _step_summary(report, quiet: bool = False) -> None:
    """Append the Markdown report to the job summary when GitHub Actions names its file."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(REPORTERS["markdown"](report) + "\n")
    except OSError as err:
        # The findings are reported all the same: a summary that cannot be written only warns.
        _warn([f"GITHUB_STEP_SUMMARY {path}: cannot append the step summary ({err.strerror or err})"], quiet)


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
@config_option
def extract(paths, fmt, rules, store, config) -> None:
    """Print the claims found in the articles, one row per claim (- reads one from standard input)."""
    settings = _settings(config, rules=rules)
    if not paths and not store:
        _fail("give at least one PATH, or --store DB")
    warnings = ()
    try:
        if store:
            from checker.store import Store

            _require_store(store)
            with _reading(store), Store(store, write=False) as db:
                articles, claims = db.all_claims()
        else:
            loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
            articles, notes = loaded.articles, list(loaded.warnings)
            claims = extract_claims(articles, settings, _progress(), notes)
            warnings = tuple(notes)
    except (InputError, RulesError) as err:
        _fail(str(err))
    _warn(warnings)
    from checker.dataframes import claims_csv, claims_frame, claims_json  # pandas loads only for the claims table

    frame = claims_frame(claims, articles_by_id(articles))
    if fmt == "csv":
        click.echo(claims_csv(frame), nl=False)
    else:
        click.echo(claims_json(frame))


def _require_store(path: Path) -> None:
    """Refuse a store that does not exist (reading commands never create one)."""
    if not path.is_file():
        raise InputError(f"store {path} does not exist")


@main.group("store")
def store_group() -> None:
    """Look into or edit a claim store written by `check --store`."""


_STORE_OPTION = click.option("--store", "store", required=True, type=click.Path(dir_okay=False, path_type=Path),
                             help="The claim store (SQLite).")


def _open_store(path: Path, write: bool = False):
    from checker.store import Store

    try:
        _require_store(path)
        return Store(path, write=write)
    except InputError as err:
        _fail(str(err))


@contextmanager
def _reading(path: Path):
    """Turn an SQLite error met while using a store into the one-line error of exit status 2."""
    import sqlite3

    try:
        yield
    except sqlite3.Error as err:
        raise InputError(f"store {path}: {err}") from None


@store_group.command("stats")
@_STORE_OPTION
def store_stats(store) -> None:
    """Count the stored articles, claims and facts, overall and by batch."""
    with _open_store(store) as db:
        counts, batches = _use(store, lambda: (db.counts(), db.batches()))
    click.echo(tabulate([(k, v) for k, v in counts.items()], headers=["table", "rows"]))
    click.echo()
    click.echo(tabulate(batches, headers=["batch", "created", "checked in", "articles", "claims", "facts written"]))


@store_group.command("list")
@_STORE_OPTION
def store_list(store) -> None:
    """List the stored articles and their kept earlier versions.

    One row each: id, version, state (current, or earlier and the batch that replaced it),
    source, published, path, batch, claims.
    """
    with _open_store(store) as db:
        rows = _use(store, db.article_list)
    # Stored ids, sources and paths come from the articles: one clean line each, as in the reports.
    rows = [[one_line(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    click.echo(defuse(tabulate(rows, headers=["id", "version", "state", "source", "published", "path", "batch",
                                              "claims"])))


@store_group.command("forget")
@click.argument("article")
@_STORE_OPTION
def store_forget(article, store) -> None:
    """Remove one article, its earlier versions, its claims and the facts citing them."""
    with _open_store(store, write=True) as db:
        count, versions = _use(store, lambda: db.forget(article))
    kept = f" and {versions} earlier version(s)" if versions else ""
    click.echo(one_line(f"checker: store: forgot article {article}{kept} and its {count} claim(s)"), err=True)


@store_group.command("revert")
@click.argument("article")
@_STORE_OPTION
def store_revert(article, store) -> None:
    """Put an article's kept earlier version back in place of the current one."""
    with _open_store(store, write=True) as db:
        version, count = _use(store, lambda: db.revert(article))
    click.echo(one_line(f"checker: store: article {article} is back at version {version} with its {count} claim(s)"),
               err=True)


def _use(path: Path, action):
    """Run a store action; a missing article or an SQLite error is the one-line error of exit status 2."""
    try:
        with _reading(path):
            return action()
    except InputError as err:
        _fail(str(err))


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
@config_option
def evaluate_command(gold_path, facts_path, paths, exhaustive, min_precision, min_recall, rules, quiet, config) -> None:
    """Measure precision and recall per claim kind against labelled pairs or a fact inventory.

    Each PATH is checked as a batch of its own (one story per folder), so
    `checker eval --gold gold.csv corpus/dev/*/` never compares two stories.
    """
    from checker.evaluate import joined
    from checker.evaluate_facts import evaluate_facts, render_facts
    from checker.fact_inventory import read_facts

    if (gold_path is None) == (facts_path is None):
        _fail("give one of --gold GOLD.csv and --facts FACTS.csv")
    settings = _settings(config, rules=rules)
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
@config_option
def rules_command(rules, config) -> None:
    """List every check with its id, name, what it applies to and its description."""
    settings = _settings(config, rules=rules)
    try:
        checks = sorted(load_checks(settings.rules), key=lambda c: c.id)
    except RulesError as err:
        _fail(str(err))
    rows = [(c.id, c.name, ", ".join(c.dimensions), ", ".join(c.predicates), textwrap.fill(c.description, 60))
            for c in checks]
    click.echo(tabulate(rows, headers=["id", "name", "dimensions", "predicates", "description"]))


@main.command("rule")
@click.argument("check_id")
@click.option("--rules", type=click.Path(file_okay=False, path_type=Path), help="Rules folder.")
@config_option
def rule_command(check_id, rules, config) -> None:
    """Explain one check, with its examples.

    CHECK_ID is an id (NUM001, in any case) or a dotted name (numbers.casualties).
    """
    from checker.explain import explain, find_check

    settings = _settings(config, rules=rules)
    try:
        check = find_check(load_checks(settings.rules), check_id)
    except (InputError, RulesError) as err:
        _fail(str(err))
    click.echo(explain(check, settings), nl=False)


@main.command("config")
@config_option
@setting_options
def config_command(config, fmt, **flags) -> None:
    """Print the effective settings and where each came from.

    Each value is a default, comes from the settings file (--config, or the first
    pyproject.toml [tool.checker] / setup.cfg [checker] found from the working folder
    upward) or from an option: given the options of `check`, this prints what they set.
    """
    layered = _layered(config, format=fmt, **flags)
    if layered.file:
        click.echo(f"settings file: {layered.file.label}")
    else:
        first, last = layered.searched[0], layered.searched[-1]
        click.echo(f"settings file: none found (searched {first}" + (f" up to {last})" if last != first else ")"))
    click.echo()
    click.echo(tabulate(describe(layered), headers=["setting", "value", "from"]))
