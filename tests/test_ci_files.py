"""The pre-commit hook and the example GitHub Actions workflow: read as their tools read them, and run."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_sarif import valid

ROOT = Path(__file__).resolve().parents[1]
FIRE = ROOT / "tests" / "stories" / "factory_fire"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
# The console scripts of the environment running the tests, where `checker` is installed.
BIN = Path(sys.executable).parent
COMMAND = re.compile(r"::(error|warning|notice|group|endgroup)( [^:\r\n]*)?::[^\r\n]*")


def shell_env(**extra: str) -> dict[str, str]:
    """Return an environment whose PATH finds the installed `checker` first, as a hook's or job's does."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return {**env, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", **extra}


def test_the_console_script_is_installed():
    assert shutil.which("checker", path=str(BIN)), f"no checker script in {BIN}: pip install -e '.[test]' first"


# --- the pre-commit hook -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["checker"]
    return hooks[0]


def test_the_hook_declares_what_pre_commit_needs(hook):
    assert hook["entry"] == "checker check" and hook["language"] == "python"
    assert hook["name"] and hook["description"] and hook["types"] == ["text"]
    # One run sees every changed article: articles split across processes would never meet.
    assert hook["require_serial"] is True and hook.get("pass_filenames", True) is True


@pytest.mark.parametrize(("path", "picked"), [
    ("articles/metro_herald.txt", True), ("articles/notes.md", True), ("pages/story.html", True),
    ("pages/story.htm", True), ("tables/batch.csv", True), ("tables/feed.jsonl", True),
    ("articles/manifest.csv", True),
    ("README.md", False), ("articles/readme.txt", False), ("docs/LICENSE.md", False), ("CHANGELOG.md", False),
    ("setup.py", False), ("photos/fire.jpg", False), ("articles/story.txt.bak", False),
])
def test_the_hook_picks_articles_and_leaves_documentation(hook, path, picked):
    # pre-commit searches `files` and `exclude` in each path relative to the repository root.
    assert bool(re.search(hook["files"], path) and not re.search(hook["exclude"], path)) is picked


def _run_hook(hook: dict, folder: Path, files: list[str]) -> subprocess.CompletedProcess:
    """Run the hook's entry as pre-commit does: entry, its args, then the file names, from the root."""
    command = shlex.split(hook["entry"]) + list(hook.get("args", [])) + files
    return subprocess.run(command, cwd=folder, env=shell_env(), capture_output=True, text=True, timeout=300)


def test_the_hook_fails_a_commit_whose_articles_disagree(hook, tmp_path):
    shutil.copytree(FIRE, tmp_path / "articles")
    files = sorted(f"articles/{p.name}" for p in FIRE.glob("*.txt"))
    done = _run_hook(hook, tmp_path, files)
    assert done.returncode == 1, done.stderr
    assert "laid off workers" in done.stdout and "NUM002" in done.stdout and "Traceback" not in done.stderr


def test_the_hook_passes_articles_that_agree(hook, tmp_path):
    shutil.copytree(FIRE, tmp_path / "articles")
    done = _run_hook(hook, tmp_path, ["articles/metro_herald.txt"])
    assert done.returncode == 0, done.stderr


def test_the_hook_reports_a_bad_file_in_one_line(hook, tmp_path):
    done = _run_hook(hook, tmp_path, ["articles/gone.txt"])
    assert done.returncode == 2 and done.stderr == "checker: error: path not found: articles/gone.txt\n"


# --- the example workflow ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def step(workflow: dict, uses: str = "", runs: str = "") -> dict:
    """Return the one step that uses an action, or whose command holds some words."""
    found = [s for s in steps(workflow) if (uses and s.get("uses", "").startswith(uses + "@"))
             or (runs and runs in s.get("run", ""))]
    assert len(found) == 1, (uses, runs)
    return found[0]


def test_the_workflow_runs_on_changes_to_the_articles(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert all(any(p.startswith(workflow["env"]["ARTICLES"]) for p in t["paths"]) for t in triggers.values())
    assert workflow["permissions"]["security-events"] == "write"


def test_the_workflow_installs_the_project(workflow):
    assert step(workflow, uses="actions/checkout") in steps(workflow)
    python = step(workflow, uses="actions/setup-python")["with"]["python-version"]
    assert tuple(int(x) for x in python.split(".")) >= (3, 11)  # what setup.cfg's python_requires asks
    install = step(workflow, runs="pip install")
    assert shlex.split(install["run"]) == ["python", "-m", "pip", "install", "$CHECKER_PACKAGE"]
    assert workflow["env"]["CHECKER_PACKAGE"].startswith("checker @ ")
    order = steps(workflow)
    assert order.index(install) < order.index(step(workflow, runs="checker check"))


def test_the_workflow_checks_with_annotations_and_reports(workflow):
    run = step(workflow, runs="checker check")["run"]
    command = next(line for line in run.splitlines() if line.startswith("checker check"))
    words = shlex.split(command)
    assert words[2] == "$ARTICLES" and words[words.index("--format") + 1] == "github"
    assert words[words.index("--out") + 1] == "reports" and words[words.index("--fail-on") + 1] == "high"


def test_the_workflow_uploads_the_sarif_even_when_the_check_fails(workflow):
    upload = step(workflow, uses="github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == "reports/report.sarif"
    assert "always()" in upload["if"] and f"hashFiles('{upload['with']['sarif_file']}')" in upload["if"]
    assert steps(workflow).index(upload) > steps(workflow).index(step(workflow, runs="checker check"))
    assert step(workflow, uses="actions/upload-artifact")["with"]["path"] == "reports/"


def _run_steps(workflow: dict, folder: Path, summary: Path) -> list[subprocess.CompletedProcess]:
    """Run the job's shell steps after the install, as the runner does (bash -e), in a checkout."""
    env = shell_env(**workflow["env"], GITHUB_STEP_SUMMARY=str(summary))
    commands = [s["run"] for s in steps(workflow) if "run" in s and "pip install" not in s["run"]]
    return [subprocess.run(["bash", "-e", "-c", c], cwd=folder, env=env, capture_output=True, text=True,
                           timeout=300) for c in commands]


def test_the_workflow_commands_work_on_a_checkout(workflow, tmp_path):
    shutil.copytree(FIRE, tmp_path / workflow["env"]["ARTICLES"])
    summary = tmp_path / "summary.md"
    (done,) = _run_steps(workflow, tmp_path, summary)
    assert done.returncode == 1, done.stderr  # a high finding fails the job, as --fail-on high asks
    lines = done.stdout.splitlines()
    assert lines and all(COMMAND.fullmatch(line) for line in lines)
    assert sum(line.startswith("::error ") for line in lines) == 1 and "(finding " in lines[0]
    log = valid((tmp_path / "reports" / "report.sarif").read_text(encoding="utf-8"))
    findings = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))["findings"]
    assert len(log["runs"][0]["results"]) == len(findings) == 4
    assert summary.read_text(encoding="utf-8").startswith("# Fact consistency report\n")


def test_the_workflow_baseline_accepts_reviewed_findings(workflow, tmp_path):
    shutil.copytree(FIRE, tmp_path / workflow["env"]["ARTICLES"])
    _run_steps(workflow, tmp_path, tmp_path / "summary.md")
    # The editors reviewed the CSV and committed it as the baseline: every row is accepted.
    with open(tmp_path / "reports" / "discrepancies.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(tmp_path / workflow["env"]["BASELINE"], "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "status": "accepted"} for row in rows)
    (done,) = _run_steps(workflow, tmp_path, tmp_path / "summary.md")
    assert done.returncode == 0, done.stderr
    assert "4 finding(s) suppressed" in done.stderr
    results = valid((tmp_path / "reports" / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert all(r.get("suppressions") for r in results)
