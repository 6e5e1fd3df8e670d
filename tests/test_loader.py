"""Loading files, folders, manifests and article tables into Article records."""

from __future__ import annotations

import builtins
import codecs
import io
import os
from datetime import date
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.loader import LoadResult, load_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BODY = "Police said 12 people were hurt.\nThe mayor spoke on Monday.\n"


def write(path: Path, content: str | bytes) -> Path:
    """Write text (as UTF-8, line ends kept) or bytes to a file, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return path


def only(result: LoadResult):
    """Return the single article of a result."""
    assert len(result.articles) == 1, result.articles
    return result.articles[0]


# --- front matter -------------------------------------------------------------------------

FRONT_MATTER_CASES = [
    pytest.param(
        "---\nsource: Reuters\npublished: 2025-03-12\ntitle: Quake hits coast\n"
        "url: https://example.com/a\n---\n" + BODY,
        dict(source="Reuters", published=date(2025, 3, 12), title="Quake hits coast",
             url="https://example.com/a", text=BODY, line_offset=6),
        id="all-keys",
    ),
    pytest.param(
        "---\nSource: \"AP News\"\nPUBLISHED: '2025-03-12T10:00:00Z'\nauthor: Jane\n---\n" + BODY,
        dict(source="AP News", published=date(2025, 3, 12), title=None, url=None,
             text=BODY, line_offset=5),
        id="quoted-datetime-upper-keys-unknown-key",
    ),
    pytest.param(
        "---\nsource:\ntitle: ''\n---\n" + BODY,
        dict(source=None, published=None, title=None, url=None, text=BODY, line_offset=4),
        id="empty-values-become-none",
    ),
    pytest.param(
        "---\nsource: BBC\n" + BODY,
        dict(source=None, published=None, title=None, url=None,
             text="---\nsource: BBC\n" + BODY, line_offset=0),
        id="no-closing-line-means-no-front-matter",
    ),
    pytest.param(
        BODY,
        dict(source=None, published=None, title=None, url=None, text=BODY, line_offset=0),
        id="no-front-matter",
    ),
    pytest.param(
        "---\r\nsource: CNN\r\n---\r\n" + BODY.replace("\n", "\r\n"),
        dict(source="CNN", published=None, title=None, url=None, text=BODY, line_offset=3),
        id="crlf",
    ),
]


@pytest.mark.parametrize(("content", "expected"), FRONT_MATTER_CASES)
def test_front_matter(tmp_path, content, expected):
    path = write(tmp_path / "story.txt", content)
    article = only(load_paths([path]))
    assert article.id == "story"
    assert article.path == str(path)
    got = {key: getattr(article, key) for key in expected}
    assert got == expected


def test_line_offset_maps_body_lines_to_file_lines(tmp_path):
    content = "---\nsource: Reuters\ntitle: T\n---\nfirst body line\nsecond body line\n"
    path = write(tmp_path / "a.md", content)
    article = only(load_paths([path]))
    file_lines = content.split("\n")
    for number, line in enumerate(article.text.split("\n"), start=1):
        assert file_lines[number + article.line_offset - 1] == line


def test_unparseable_published_date_warns_and_is_undated(tmp_path):
    path = write(tmp_path / "a.txt", "---\nsource: X\npublished: next Tuesday\n---\n" + BODY)
    result = load_paths([path])
    assert only(result).published is None
    assert only(result).source == "X"
    assert result.warnings == (
        f"{path}: published date 'next Tuesday' not understood; treated as undated",
    )


# --- manifest -----------------------------------------------------------------------------

MANIFEST = (
    "id,source,published,title,url\n"
    "a,Manifest A,2024-01-02,Title A,https://a.example\n"
    "b,Manifest B,2024-01-03,,\n"
)


def test_manifest_supplies_metadata_and_front_matter_wins(tmp_path):
    write(tmp_path / "manifest.csv", MANIFEST)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", "---\nsource: Front B\n---\n" + BODY)
    write(tmp_path / "c.txt", BODY)
    result = load_paths([tmp_path])
    got = {a.id: (a.source, a.published, a.title, a.url) for a in result.articles}
    assert got == {
        "a": ("Manifest A", date(2024, 1, 2), "Title A", "https://a.example"),
        "b": ("Front B", date(2024, 1, 3), None, None),
        "c": (None, None, None, None),
    }
    assert result.warnings == ()


def test_manifest_beside_an_explicit_file_applies(tmp_path):
    write(tmp_path / "manifest.csv", "\ufeffid,source\na,Outlet\n")
    path = write(tmp_path / "a.txt", BODY)
    assert only(load_paths([path])).source == "Outlet"


def test_manifest_with_missing_columns(tmp_path):
    write(tmp_path / "manifest.csv", "ID,Published\na,2023-05-06\n")
    write(tmp_path / "a.txt", BODY)
    article = only(load_paths([tmp_path]))
    assert (article.source, article.published) == (None, date(2023, 5, 6))


def test_manifest_without_id_column_is_ignored_with_warning(tmp_path):
    manifest = write(tmp_path / "manifest.csv", "name,source\na,Outlet\n")
    write(tmp_path / "a.txt", BODY)
    result = load_paths([tmp_path])
    assert only(result).source is None
    assert result.warnings == (f"{manifest}: no 'id' column; manifest ignored",)


def test_manifest_given_as_path_loads_the_files_it_lists(tmp_path):
    manifest = write(tmp_path / "manifest.csv", MANIFEST)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "unlisted.txt", BODY)
    result = load_paths([manifest])
    assert [(a.id, a.source) for a in result.articles] == [("a", "Manifest A")]
    assert result.warnings == (f"{manifest}: no .txt or .md file for id 'b'",)


# --- article tables -----------------------------------------------------------------------

CSV_TABLE = (
    "id,source,published,title,url,text\n"
    'r1,Outlet One,2025-01-02,First,https://1.example,"Line one\r\nline two"\n'
    ",Outlet Two,,,,Second text\n"
    "r3,Outlet Three,,,,   \n"
)

JSONL_TABLE = (
    '{"id": "j1", "source": "Wire", "published": "2025-02-03T08:00:00Z", "text": "Jay one"}\n'
    "{not json\n"
    "\n"
    '{"text": "No id here", "title": "T"}\n'
    '{"id": "j5", "text": ""}\n'
)


def test_csv_table_rows_become_articles(tmp_path):
    table = write(tmp_path / "batch.csv", CSV_TABLE)
    result = load_paths([table])
    got = [(a.id, a.path, a.source, a.published, a.title, a.url, a.text, a.line_offset)
           for a in result.articles]
    assert got == [
        ("r1", str(table), "Outlet One", date(2025, 1, 2), "First", "https://1.example",
         "Line one\nline two", 0),
        ("batch-2", str(table), "Outlet Two", None, None, None, "Second text", 0),
    ]
    assert result.warnings == (f"{table}: row 3: skipped: empty text",)


def test_jsonl_table_rows_become_articles(tmp_path):
    table = write(tmp_path / "feed.jsonl", JSONL_TABLE)
    result = load_paths([table])
    got = [(a.id, a.source, a.published, a.title, a.text) for a in result.articles]
    assert got == [
        ("j1", "Wire", date(2025, 2, 3), None, "Jay one"),
        ("feed-4", None, None, "T", "No id here"),
    ]
    assert len(result.warnings) == 2
    assert result.warnings[0].startswith(f"{table}: line 2: not valid JSON")
    assert result.warnings[1] == f"{table}: row 5: skipped: empty text"


def test_explicit_csv_without_text_column_is_skipped_with_warning(tmp_path):
    table = write(tmp_path / "gold.csv", "id,verdict\n1,conflict\n")
    story = write(tmp_path / "story.txt", BODY)
    result = load_paths([table, story])
    assert [a.id for a in result.articles] == ["story"]
    assert result.warnings == (f"{table}: skipped: no 'text' column",)


def test_folder_csv_without_text_column_and_manifest_are_not_tables(tmp_path):
    write(tmp_path / "gold.csv", "id,verdict\n1,conflict\n")
    write(tmp_path / "manifest.csv", "id,source,text\nstory,Outlet,not an article\n")
    write(tmp_path / "rows.csv", "text\nfrom a table\n")
    write(tmp_path / "story.txt", BODY)
    result = load_paths([tmp_path])
    assert [(a.id, a.source) for a in result.articles] == [("rows-1", None), ("story", "Outlet")]
    assert result.warnings == ()


# --- encodings and line ends --------------------------------------------------------------

TEXT = "Café “quoted” – 5 km\nsecond line\n"
ENCODING_CASES = [
    pytest.param(TEXT.encode("utf-8"), False, id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), False, id="utf-8-sig"),
    pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), False, id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), False, id="utf-16-be-bom"),
    pytest.param(TEXT.encode("cp1252"), True, id="cp1252"),
    pytest.param(TEXT.replace("\n", "\r\n").encode("utf-8"), False, id="crlf"),
    pytest.param(TEXT.replace("\n", "\r").encode("utf-8"), False, id="old-mac-cr"),
    pytest.param(codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"), False,
                 id="utf-16-crlf"),
]


@pytest.mark.parametrize(("data", "warns"), ENCODING_CASES)
def test_decoding_and_line_ends(tmp_path, data, warns):
    path = write(tmp_path / "enc.txt", data)
    result = load_paths([path])
    assert only(result).text == TEXT
    expected = (f"{path}: not UTF-8, read as cp1252",) if warns else ()
    assert result.warnings == expected


# --- skipped files ------------------------------------------------------------------------

SKIP_CASES = [
    pytest.param(b"", "skipped: empty", id="empty"),
    pytest.param(b" \n\t\r\n  ", "skipped: empty", id="whitespace-only"),
    pytest.param(b"---\nsource: X\n---\n\n  \n", "skipped: empty", id="front-matter-only"),
    pytest.param(bytes(range(256)), "skipped: binary file", id="binary-all-bytes"),
    pytest.param(b"%PDF-1.4\n\x00\x01\x02stream", "skipped: binary file", id="nul-byte"),
    pytest.param(b"abc \x81\x8d\x8f def", "skipped: binary file", id="not-cp1252-either"),
    pytest.param(codecs.BOM_UTF16_LE + b"a\x00b", "skipped: binary file", id="odd-utf-16"),
    pytest.param(b"x" * 2001, "skipped: 2001 bytes is over the 2000 bytes limit", id="over-limit"),
]


@pytest.mark.parametrize(("data", "reason"), SKIP_CASES)
def test_bad_file_is_skipped_with_warning_and_the_rest_loads(tmp_path, data, reason):
    bad = write(tmp_path / "bad.txt", data)
    good = write(tmp_path / "good.txt", BODY)
    result = load_paths([tmp_path], max_bytes=2000)
    assert [a.path for a in result.articles] == [str(good)]
    assert result.warnings == (f"{bad}: {reason}",)


def test_size_message_is_in_megabytes(tmp_path):
    big = write(tmp_path / "big.txt", b"y" * 1_500_000)
    write(tmp_path / "good.txt", BODY)
    result = load_paths([tmp_path], max_bytes=1_000_000)
    assert result.warnings == (f"{big}: skipped: 1.5 MB is over the 1.0 MB limit",)


@pytest.fixture
def opened(monkeypatch):
    """Record every path opened through open(), the same function pathlib uses."""
    paths: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        paths.append(os.fsdecode(file) if isinstance(file, (str, bytes, os.PathLike)) else file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    return paths


def test_fifty_megabyte_file_is_skipped_by_size_without_reading(tmp_path, opened):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(52_400_000)  # sparse: the size is real, nothing is written
    opened.clear()
    write(tmp_path / "good.txt", BODY)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert result.warnings == (f"{big}: skipped: 52.4 MB is over the 20.0 MB limit",)
    assert str(big) not in opened


def test_unreadable_file_is_skipped_with_reason(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.txt", BODY)
    write(tmp_path / "good.txt", BODY)
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert result.warnings == (f"{locked}: skipped: cannot read (Permission denied)",)


# --- errors -------------------------------------------------------------------------------

def test_missing_path_raises(tmp_path):
    write(tmp_path / "a.txt", BODY)
    missing = tmp_path / "nope"
    with pytest.raises(InputError) as caught:
        load_paths([tmp_path, missing])
    assert str(caught.value) == f"path not found: {missing}"


def test_no_readable_article_raises_naming_the_paths(tmp_path):
    empty = write(tmp_path / "in" / "empty.txt", "")
    write(tmp_path / "in" / "notes.pdf", b"%PDF")
    with pytest.raises(InputError) as caught:
        load_paths([tmp_path / "in"])
    message = str(caught.value)
    assert message.startswith(f"no readable article in: {tmp_path / 'in'}")
    assert f"{empty}: skipped: empty" in message


def test_empty_folder_raises(tmp_path):
    with pytest.raises(InputError, match="no readable article in"):
        load_paths([tmp_path])


# --- folders, ids and order ---------------------------------------------------------------

def test_folder_recursion_order_and_ignored_files(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "z.txt",
                 "image.png", "data.json", ".hidden.txt", ".git/e.txt", "sub/.x/f.txt"]:
        write(tmp_path / name, f"{name} {BODY}")
    result = load_paths([tmp_path])
    root = str(tmp_path)
    assert [a.path for a in result.articles] == [
        os.path.join(root, "a.md"),
        os.path.join(root, "b.txt"),
        os.path.join(root, "sub", "c.txt"),
        os.path.join(root, "sub", "deeper", "d.txt"),
        os.path.join(root, "z.txt"),
    ]
    assert [a.id for a in result.articles] == ["a", "b", "c", "d", "z"]
    assert result.articles[2].text == f"sub/c.txt {BODY}"
    assert result.warnings == ()


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path):
    for name in ["story.html", ".hidden.txt"]:
        path = write(tmp_path / name, BODY)
        article = only(load_paths([path]))
        assert (article.text, article.id) == (BODY, Path(name).stem)


def test_duplicate_stems_get_suffixes_with_warnings(tmp_path):
    first = write(tmp_path / "a" / "story.txt", "one")
    second = write(tmp_path / "b" / "story.md", "two")
    third = write(tmp_path / "c" / "story.txt", "three")
    result = load_paths([tmp_path])
    assert [(a.id, a.path, a.text) for a in result.articles] == [
        ("story", str(first), "one"),
        ("story-2", str(second), "two"),
        ("story-3", str(third), "three"),
    ]
    assert result.warnings == (
        f"{second}: id 'story' already used; renamed 'story-2'",
        f"{third}: id 'story' already used; renamed 'story-3'",
    )


def test_same_file_given_twice_is_loaded_once(tmp_path):
    path = write(tmp_path / "news" / "a.txt", BODY)
    write(tmp_path / "news" / "b.txt", BODY)
    result = load_paths([path, tmp_path / "news", str(path)])
    assert [a.id for a in result.articles] == ["a", "b"]
    assert result.warnings == ()


def test_paths_are_kept_as_given_not_resolved(tmp_path, monkeypatch):
    write(tmp_path / "news" / "a.txt", BODY)
    monkeypatch.chdir(tmp_path)
    assert only(load_paths(["news"])).path == os.path.join("news", "a.txt")
    assert only(load_paths([Path("news/a.txt")])).path == os.path.join("news", "a.txt")


def test_order_is_by_path_then_row(tmp_path):
    write(tmp_path / "m.csv", "text\nrow one\nrow two\n")
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "z.jsonl", '{"text": "jz"}\n')
    result = load_paths([tmp_path / "z.jsonl", tmp_path])
    assert [a.id for a in result.articles] == ["a", "m-1", "m-2", "z-1"]


def test_seed_articles_load_verbatim():
    result = load_paths([SEEDS])
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    assert [a.id for a in result.articles] == [f.stem for f in files]
    for article, file in zip(result.articles, files):
        assert article.text == file.read_bytes().decode("utf-8")
        assert (article.source, article.published, article.title, article.line_offset) == (
            None, None, None, 0)
    assert result.warnings == ()
