"""The Dask engine against the local one, on a 2-worker LocalCluster: the same report, byte for byte."""

import builtins
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import dask  # noqa: E402

from checker import engine as local_engine  # noqa: E402
from checker.cli import DASK_MISSING  # noqa: E402
from checker.config import Settings  # noqa: E402
from checker.distributed.cluster import local_cluster  # noqa: E402
from checker.distributed.engine import DaskEngine  # noqa: E402
from checker.report import REPORTERS  # noqa: E402
from conftest import DATA, invoke  # noqa: E402

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DEV = sorted(p for p in (DATA / "corpus" / "dev").iterdir() if p.is_dir())
FIXTURES = sorted(p for group in ("stories", "dated", "people") for p in (TESTS / group).iterdir() if p.is_dir())
BATCHES = {p.name: [p] for p in [*FIXTURES, ROOT / "seeds", *DEV]}
JOINED = [*FIXTURES, ROOT / "seeds", *DEV]


@pytest.fixture(scope="module")
def cluster():
    """One 2-worker cluster for the module: starting one costs seconds."""
    with local_cluster(2) as started:
        yield started


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster, set_as_default=False) as connected:
        yield connected


def write_article(folder: Path, stem: str, body: str, published: str = "2024-01-10") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text(f"---\nsource: {stem.title()}\npublished: {published}\n---\n{body}\n",
                                        encoding="utf-8")


def both(paths, partitions: int, client, **settings):
    """Return the JSON reports and warnings of the local engine and of the Dask engine."""
    chosen = Settings(**settings)
    local = local_engine.run([str(p) for p in paths], chosen)
    remote = DaskEngine(client, partitions).run([str(p) for p in paths], chosen)
    return (REPORTERS["json"](local), local.warnings), (REPORTERS["json"](remote), remote.warnings)


@pytest.mark.parametrize("name", sorted(BATCHES))
def test_each_story_is_judged_as_locally(name, client):
    local, remote = both(BATCHES[name], 3, client)
    assert remote == local


def test_a_joined_batch_is_judged_as_locally(client):
    local, remote = both(JOINED, 5, client)
    assert remote == local
    found = json.loads(remote[0])
    # Many stories at once: the shuffle sends each to one partition, and every finding comes back.
    assert found["articles"] == sum(1 for p in JOINED for f in p.rglob("*") if f.suffix in (".txt", ".html", ".md"))
    assert len(found["findings"]) > 50 and {f["verdict"] for f in found["findings"]} == {"conflict", "update"}


def test_one_story_and_same_article_settings_carry_over(client):
    local, remote = both([DEV[0], DEV[1]], 2, client, same_article=True)
    assert remote == local
    local_run = local_engine.run([str(DEV[0]), str(DEV[1])], Settings())
    remote_run = DaskEngine(client, 2).run([str(DEV[0]), str(DEV[1])], Settings())
    one = DaskEngine(client, 2).run([str(DEV[0]), str(DEV[1])], Settings(), one_story=True)
    assert {f.story for f in one.findings} == {min(a.id for a in one.articles)}
    assert [f.id for f in remote_run.findings] == [f.id for f in local_run.findings]


def test_people_resolve_across_the_whole_batch_as_locally(tmp_path, client):
    # "Kafoury, 63" of one story is the Charlene Kafoury another story names, as the local engine
    # reads the batch: the two stories go to different partitions, yet the age is still gathered.
    folder = tmp_path / "batch"
    write_article(folder, "fire_a", "LaCalamita is charged with murder in the death of Kafoury, 63, at the Troy "
                                    "accounting office, police in Michigan said on Tuesday.")
    write_article(folder, "fire_b", "Police in Troy, Michigan, said LaCalamita is charged with murder in the death "
                                    "of Kafoury, 63, at the accounting office.")
    write_article(folder, "talks_a", "Finance Minister Charlene Kafoury said the budget talks in Lisbon would "
                                     "resume next week with the unions.", published="2024-06-20")
    write_article(folder, "talks_b", "The budget talks in Lisbon will resume next week, Finance Minister Charlene "
                                     "Kafoury told the unions.", published="2024-06-20")
    local, remote = both([folder], 2, client)
    assert remote == local
    agreed = json.loads(remote[0])["agreed"]
    assert sorted((f["rule"], f["topic"]) for f in agreed) == [("ROL001", "title of Charlene Kafoury"),
                                                                ("ROL003", "age of Kafoury")]


def test_loading_notes_and_renamed_ids_are_kept(tmp_path, client):
    # Two folders holding one stem: the second is renamed, with the loader's note; an empty file is skipped.
    shutil.copytree(TESTS / "stories" / "factory_fire", tmp_path / "a")
    shutil.copytree(TESTS / "stories" / "factory_fire", tmp_path / "b")
    (tmp_path / "b" / "empty.txt").write_text("\n", encoding="utf-8")
    odd = tmp_path / "b" / os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8 travels to a worker and back
    odd.write_text("Twelve workers were killed in the fire at the Harlan Textile Mills plant.\n", encoding="utf-8")
    local, remote = both([tmp_path / "a", tmp_path / "b"], 4, client)
    assert remote == local
    assert any("already used; renamed 'metro_herald-2'" in w for w in remote[1])
    assert any(w.endswith("empty.txt: skipped: empty") for w in remote[1])
    assert any(w.endswith("caf\\xe9.txt: file name is not UTF-8 (its odd bytes are shown as \\x escapes)")
               for w in remote[1])


def test_the_store_is_read_and_written_as_locally(tmp_path, client, cluster, workdir):
    first, second = str(DEV[0]), str(DEV[1])
    address = cluster.scheduler_address
    for name, engine in (("local", ()), ("dask", ("--engine", "dask", "--scheduler", address, "--partitions", "3"))):
        db = tmp_path / f"{name}.db"
        runs = [invoke("check", batch, "--store", db, "--format", "json", "--fail-on", "never", *engine)
                for batch in (first, second, second)]
        assert [r.exit_code for r in runs] == [0, 0, 0], runs[0].stderr
        if name == "local":
            expected = [r.stdout for r in runs]
        else:
            assert [r.stdout for r in runs] == expected
    stats = [invoke("store", "stats", "--store", tmp_path / f"{name}.db").stdout for name in ("local", "dask")]
    # Batch rows carry their time of day; the counts of each table must match.
    assert stats[0].split("\n\n")[0] == stats[1].split("\n\n")[0]


def test_the_command_exits_as_locally(cluster, workdir):
    seeds = ROOT / "seeds"
    local = invoke("check", seeds, "--format", "json")
    remote = invoke("check", seeds, "--format", "json", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert (remote.exit_code, remote.stdout, remote.stderr) == (local.exit_code, local.stdout, local.stderr)
    assert remote.exit_code == 1
    quiet = invoke("check", seeds, "--fail-on", "never", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_a_local_cluster_is_started_without_an_address(workdir):
    folder = DEV[0]
    local = invoke("check", folder, "--format", "json")
    remote = invoke("check", folder, "--format", "json", "--engine", "dask", "--partitions", "2")
    assert (remote.exit_code, remote.stdout, remote.stderr) == (local.exit_code, local.stdout, local.stderr)


@pytest.mark.parametrize("value, message", [
    ("x", "--partitions 'x': not a whole number"),
    ("-1", "--partitions '-1': must be 0 or more"),
    ("2.5", "--partitions '2.5': not a whole number"),
])
def test_bad_partitions_are_one_line(value, message, workdir):
    result = invoke("check", ROOT / "seeds", "--engine", "dask", "--partitions", value)
    assert result.exit_code == 2
    assert result.stderr == f"checker: error: {message}\n"


def test_cluster_options_need_the_dask_engine(workdir):
    result = invoke("check", ROOT / "seeds", "--partitions", "4")
    assert (result.exit_code, result.stderr) == (2, "checker: error: --partitions needs --engine dask\n")
    result = invoke("check", ROOT / "seeds", "--scheduler", "tcp://127.0.0.1:8786")
    assert (result.exit_code, result.stderr) == (2, "checker: error: --scheduler needs --engine dask\n")


def test_an_unreachable_scheduler_is_one_line(workdir):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = invoke("check", ROOT / "seeds", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "checker: error: --scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler (")
    assert "Traceback" not in result.output


def test_standard_input_is_refused(cluster, workdir):
    result = invoke("check", "-", "--engine", "dask", "--scheduler", cluster.scheduler_address, input="Nine died.\n")
    assert result.exit_code == 2
    assert result.stderr == ("checker: error: --engine dask reads files the workers can open, "
                             "not standard input (-)\n")


def test_without_the_extra_the_option_says_how_to_install_it(monkeypatch, workdir):
    # As if dask were not installed: its import fails, and so does that of the engine built on it.
    for name in [n for n in sys.modules if n == "checker.distributed" or n.startswith(("checker.distributed.",
                                                                                        "distributed", "dask"))]:
        monkeypatch.delitem(sys.modules, name)
    real = builtins.__import__

    def without_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named '{name}'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_dask)
    result = invoke("check", ROOT / "seeds", "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == f"checker: error: {DASK_MISSING}\n"
    assert "pip install 'checker[dask]'" in DASK_MISSING
    local = invoke("check", ROOT / "seeds", "--fail-on", "never")
    assert local.exit_code == 0  # the local engine never needs dask


def test_a_failing_article_is_a_warning_naming_it(tmp_path, monkeypatch):
    import lemminflect
    from distributed import Client, LocalCluster

    real = lemminflect.getAllLemmas

    def damaged(text, *args, **kwargs):  # as a damaged lexicon might, on one article's words
        if "zorblax" in str(text).lower():
            raise RuntimeError("lexicon unreadable")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(lemminflect, "getAllLemmas", damaged)
    folder = tmp_path / "s"
    write_article(folder, "alpha", "Officials said 12 workers were killed in the fire at the mill.")
    write_article(folder, "beta", "Officials said nine workers were killed in the fire at the mill.")
    write_article(folder, "delta", "Police said 30 people were hurt and zorblaxed in the crash.")
    # Threads in this process, so that the damaged library is the one the workers use.
    with LocalCluster(n_workers=2, processes=False, threads_per_worker=1, dashboard_address=":0") as threads, \
            Client(threads, set_as_default=False) as client:
        local, remote = both([folder], 3, client)
    assert remote == local
    left_out = [w for w in remote[1] if "delta.txt" in w]
    assert len(left_out) == 1 and ": left out: " in left_out[0] and "(RuntimeError: lexicon unreadable)" in left_out[0]
    assert [f["rule"] for f in json.loads(remote[0])["findings"]] == ["NUM001"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bound is RLIMIT_DATA on Linux only")
def test_a_local_cluster_s_workers_inherit_the_memory_bound():
    # The bound is the client's; the workers it starts carry it too, each process its own.
    import resource

    from distributed import Client

    from checker.guard import bound_memory, unbound_memory

    bound_memory(4096)
    try:
        with local_cluster(1) as started, Client(started, set_as_default=False) as client:
            limits = client.run(lambda: resource.getrlimit(resource.RLIMIT_DATA)[0])
    finally:
        unbound_memory()
    assert list(limits.values()) == [4096 * 1024 * 1024]
