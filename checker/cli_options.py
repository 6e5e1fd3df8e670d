"""Options that several commands share: settings, the settings file, the terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from checker.config import ENGINES, FAIL_ON, FORMATS, VERDICTS
from checker.rules import SEVERITIES


def _stack(*options: Callable) -> Callable:
    def apply(func: Callable) -> Callable:
        for option in reversed(options):
            func = option(func)
        return func
    return apply


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: table).")
fail_on_option = click.option("--fail-on", type=click.Choice(FAIL_ON),
                              help="Exit 1 when a reported finding is at least this severe (default: high).")
rules_option = click.option("--rules", type=click.Path(file_okay=False, path_type=Path),
                            help="Rules folder (default: the bundled rules/).")
same_article_option = click.option("--same-article/--different-articles", default=None,
                                   help="Also compare claims within one article.")
# Not click.Path(exists=True): a missing file is then a one-line error like any other.
config_option = click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
                             help="Settings file (a .toml file's [tool.checker] or an INI file's [checker]) "
                                  "instead of the one found from the working folder upward.")

selection_options = _stack(
    click.option("--select", multiple=True, metavar="IDS",
                 help="Report only these checks: ids or prefixes, comma-separated (NUM,DAT001); repeatable."),
    click.option("--ignore", multiple=True, metavar="IDS",
                 help="Do not report these checks: ids or prefixes; the most specific of --select/--ignore wins."),
    click.option("--severity", multiple=True, metavar="ID=LEVEL",
                 help="Give a check's findings this severity (NUM002=low); an id or prefix; repeatable."),
    click.option("--min-severity", type=click.Choice(SEVERITIES),
                 help="Report only findings at least this severe (default: low, i.e. all)."),
    click.option("--verdict", type=click.Choice(VERDICTS), help="Report conflicts, updates or all (default: all)."),
)

setting_options = _stack(format_option, fail_on_option, rules_option, same_article_option, selection_options)

terminal_options = _stack(
    click.option("--color/--no-color", "color", default=None,
                 help="Colour the table (default: on a terminal, unless NO_COLOR is set)."),
    click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors (and --statistics)."),
    click.option("-v", "--verbose", is_flag=True, help="Also print the batch, its stories and timings on stderr."),
    click.option("--statistics", is_flag=True, help="After the report, print findings per check on stderr."),
)

# Text, not click's int: a bad value is then the one-line error of any bad setting.
engine_options = _stack(
    click.option("--engine", type=click.Choice(ENGINES),
                 help="Where the check runs: this machine (local, the default) or a Dask cluster (dask; "
                      "needs the dask extra)."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="With --engine dask: the running cluster's scheduler (tcp://HOST:8786); "
                      "without it, a LocalCluster on this machine's cores."),
    click.option("--partitions", metavar="N",
                 help="With --engine dask: split the articles (and the stories) into N partitions "
                      "(default: two per worker thread)."),
)
