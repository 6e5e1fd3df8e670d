"""Read files, folders, manifests and article tables into Article records."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from checker import html, tables
from checker.datelines import dateline_date
from checker.errors import InputError
from checker.files import Skip, decode, irregular, newlines, read_text, shown, size_text
from checker.guard import error_line
from checker.output import OUT_FILES
from checker.records import Article

META_KEYS = ("source", "published", "title", "url")
STDIN = "-"  # a PATH that stands for one article read from standard input
STDIN_ID = "stdin"  # its id and the path reports show for it


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The articles read, in a stable order, and the problems met on the way."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...]


def load_paths(paths: Sequence[str | os.PathLike], max_bytes: int = 20_000_000) -> LoadResult:
    """Load every article in the given files and folders."""
    names = [os.fsdecode(path) for path in paths]
    batch = _Batch(max_bytes)
    articles = batch.load(names)
    warnings = tuple(shown(warning) for warning in batch.warnings)
    if not articles:
        detail = f" ({'; '.join(warnings[:3])})" if warnings else ""
        raise InputError(shown(f"no readable article in: {', '.join(names)}{detail}"))
    return LoadResult(tuple(articles), warnings)


class _Batch:
    """One loading run: the warnings so far and the manifests already read."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.warnings: list[str] = []
        self.manifests: dict[str, dict[str, tables.Row]] = {}

    def load(self, paths: list[str]) -> list[Article]:
        """Return the articles of all paths, with unique ids."""
        return self._unique_ids(self.read(self._collect(paths)))

    def read(self, entries: Sequence[tuple[str, str]]) -> list[Article]:
        """Return the articles of the listed files (path, kind), ids as the files give them."""
        articles: list[Article] = []
        readers = {"table": self._table, "text": self._text, "html": self._html, "stdin": self._stdin}
        for path, kind in entries:
            try:
                articles.extend(readers[kind](path))
            except Skip as skip:
                self.warnings.append(f"{path}: skipped: {skip}")
            except MemoryError:
                raise  # the run's memory bound: no one file's fault
            except Exception as exc:  # noqa: BLE001 - one file's fault must not lose the batch
                self.warnings.append(f"{path}: skipped: loading failed ({error_line(exc)})")
        return articles

    def _collect(self, paths: list[str]) -> list[tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        for path in paths:
            if path == STDIN:
                found.setdefault(STDIN, (STDIN_ID, "stdin"))  # read once, however often it is named
                continue
            if not os.path.exists(path):
                raise InputError(f"path not found: {path}")
            if os.path.isdir(path):
                listed = self._walk(path)
            elif irregular(path):
                self.warnings.append(f"{path}: skipped: {irregular(path)}")
                continue
            else:
                listed = self._explicit(path)
            for entry in listed:
                found.setdefault(os.path.realpath(entry[0]), entry)
        return sorted(found.values(), key=lambda entry: Path(entry[0]).parts)

    def _walk(self, top: str) -> Iterator[tuple[str, str]]:
        # A stack, not recursion: a folder a thousand levels deep is no reason to fail.
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                self.warnings.append(f"{folder}: skipped: cannot read ({exc.strerror or exc})")
                continue
            names = {entry.name for entry in entries}
            own = self._own_reports(folder, names)
            folders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if _is_folder(entry):
                    if not entry.is_symlink():  # as os.walk: a linked folder is not followed
                        folders.append(entry.path)
                elif entry.name not in own and not _is_doc(entry.name):
                    yield from self._found(entry.path)
            stack.extend(reversed(folders))

    def _found(self, path: str) -> Iterator[tuple[str, str]]:
        """Yield a file met in a folder with its kind; pass by what is no article."""
        if not tables.article_name(path):
            return
        problem = irregular(path)  # before telling a table by its header: a FIFO would block
        if problem:
            self.warnings.append(f"{path}: skipped: {problem}")
            return
        kind = tables.folder_kind(path)
        if kind:
            yield path, kind

    def _own_reports(self, folder: str, names: set[str]) -> set[str]:
        """Return the names of the checker's own report files in a folder written with --out
        (report.json beside discrepancies.csv), noting the ones that would read as articles."""
        if not {"report.json", "discrepancies.csv"} <= names:
            return set()
        own = names & set(OUT_FILES)
        paths = {name: os.path.join(folder, name) for name in own}
        readable = sorted(name for name, path in paths.items() if not irregular(path) and tables.folder_kind(path))
        if readable:
            self.warnings.append(f"{os.path.join(folder, '')}: {', '.join(readable)} passed over: "
                                 "the checker's own reports (written with --out), not articles")
        return own

    def _explicit(self, path: str) -> list[tuple[str, str]]:
        if os.path.basename(path).lower() == tables.MANIFEST:
            return self._manifest_files(path)
        return [(path, tables.explicit_kind(path))]

    def _manifest_files(self, path: str) -> list[tuple[str, str]]:
        # A manifest given as a path stands for the files it lists beside it.
        files, problems = tables.listed_files(path, self._manifest(os.path.dirname(path)))
        self.warnings.extend(problems)
        return [(file, tables.explicit_kind(file)) for file in files]

    def _manifest(self, folder: str) -> dict[str, tables.Row]:
        key = os.path.realpath(folder or ".")
        if key not in self.manifests:
            self.manifests[key] = self._read_manifest(os.path.join(folder, tables.MANIFEST))
        return self.manifests[key]

    def _read_manifest(self, path: str) -> dict[str, tables.Row]:
        if not os.path.isfile(path):
            return {}
        try:
            entries, problems = tables.manifest_entries(path, self._read(path))
        except (Skip, tables.TableError) as skip:
            entries, problems = {}, [f"{path}: manifest ignored: {skip}"]
        self.warnings.extend(problems)
        return entries

    def _read(self, path: str) -> str:
        text, note = read_text(path, self.max_bytes)
        if note:
            self.warnings.append(f"{path}: {note}")
        if not text.strip():
            raise Skip("empty")
        return text

    def _text(self, path: str, text: str | None = None) -> list[Article]:
        front, body, offset = split_front_matter(self._read(path) if text is None else text)
        if not body.strip():
            raise Skip("empty")
        stem = Path(path).stem
        meta = {**self._manifest(os.path.dirname(path)).get(stem, {})}
        meta.update((key, value) for key, value in front.items() if value)
        return [self._article(stem, path, body, meta, path, offset)]

    def _html(self, path: str, text: str | None = None, manifest: bool = True) -> list[Article]:
        text = self._read(path) if text is None else text
        if not html.looks_like_html(text):
            return self._text(path, text)  # text saved under a page's name
        try:
            page = html.read_html(text, path)
        except html.NoArticleText as err:
            raise Skip(str(err)) from err
        stem = Path(path).stem
        own = {"source": page.source, "title": page.title, "url": page.url,
               "published": page.published.isoformat() if page.published else None}
        listed = self._manifest(os.path.dirname(path)).get(stem, {}) if manifest else {}
        # The manifest is an editor's word and wins; the page fills what it leaves empty.
        meta = {key: listed.get(key, "").strip() or own[key] or "" for key in META_KEYS}
        # Lines (and so claim line numbers) refer to the extracted text, not the file.
        return [self._article(stem, path, page.text, meta, path)]

    def _stdin(self, path: str) -> list[Article]:
        """Read one article from standard input: text (front matter allowed) or a saved page."""
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        if stream is None:
            raise Skip("no standard input")
        data = stream.read(self.max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > self.max_bytes:
            raise Skip(f"over the {size_text(self.max_bytes)} limit")
        text, note = decode(data)
        if note:
            self.warnings.append(f"{path}: {note}")
        text = newlines(text)
        if not text.strip():
            raise Skip("empty")
        if html.looks_like_html(text):
            return self._html(path, text, manifest=False)
        front, body, offset = split_front_matter(text)
        if not body.strip():
            raise Skip("empty")
        return [self._article(STDIN_ID, path, body, front, path, offset)]

    def _table(self, path: str) -> list[Article]:
        try:
            rows, problems = tables.table_rows(path, self._read(path))
        except tables.TableError as err:
            raise Skip(str(err)) from err
        self.warnings.extend(problems)
        return [
            self._article(row_id, path, newlines(row["text"]), row, where)
            for row_id, where, row in rows
        ]

    def _article(
        self, id_: str, path: str, text: str, meta: tables.Row, where: str, offset: int = 0
    ) -> Article:
        values = {key: meta.get(key, "").strip() or None for key in META_KEYS}
        if shown(path) != path:
            self.warnings.append(f"{path}: file name is not UTF-8 (its odd bytes are shown as \\x escapes)")
            id_, path = shown(id_), shown(path)
        published = values.pop("published")
        try:
            day = parse_date(published) if published else None
        except ValueError:
            self.warnings.append(
                f"{where}: published date '{published}' not understood; treated as undated"
            )
            day = None
        if day is None and not published:
            day = dateline_date(text)  # no metadata: the page's own "Published ..." stamp will do
        return Article(id=id_, path=path, text=text, published=day, line_offset=offset, **values)

    def _unique_ids(self, articles: list[Article]) -> list[Article]:
        ids, notes = unique_ids([(a.id, a.path) for a in articles])
        self.warnings.extend(notes)
        return [a if a.id == new else dataclasses.replace(a, id=new) for a, new in zip(articles, ids)]


def unique_ids(named: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Return each article's (id, path) id made unique in the batch, and a note per renamed one."""
    used: set[str] = set()
    ids, notes = [], []
    for id_, path in named:
        new_id, count = id_, 1
        while new_id in used:
            count += 1
            new_id = f"{id_}-{count}"
        if new_id != id_:
            notes.append(f"{path}: id '{id_}' already used; renamed '{new_id}'")
        used.add(new_id)
        ids.append(new_id)
    return ids, notes


def list_entries(paths: Sequence[str | os.PathLike], max_bytes: int = 20_000_000) -> tuple[list[tuple[str, str]], list[str]]:
    """Return the files the paths stand for, each with its kind, in loading order, and the problems met."""
    batch = _Batch(max_bytes)
    return batch._collect([os.fsdecode(path) for path in paths]), batch.warnings


def read_entries(entries: Sequence[tuple[str, str]], max_bytes: int = 20_000_000) -> tuple[list[Article], list[str]]:
    """Read listed files (see list_entries) into articles, ids not yet made unique, and the problems met."""
    batch = _Batch(max_bytes)
    return batch.read(entries), batch.warnings


_DOC_STEMS = ("readme", "license", "licence", "changelog", "contributing", "notice")
def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_doc(name: str) -> bool:
    """Tell whether a file in a folder is the folder's documentation rather than an article."""
    return name.lower().split(".")[0] in _DOC_STEMS


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Return the front-matter pairs, the body and the number of lines before the body."""
    lines = text.split("\n")
    if lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "---":
                return _pairs(lines[1:index]), "\n".join(lines[index + 1 :]), index + 1
    return {}, text, 0


def parse_date(value: str) -> date:
    """Return the date of an ISO date or datetime; raise ValueError otherwise."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


def _pairs(lines: list[str]) -> dict[str, str]:
    pairs = {}
    for line in lines:
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if colon and key in META_KEYS:
            pairs[key] = _unquote(value.strip())
    return pairs


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
