"""The pipeline on a Dask cluster: the same stages as checker.engine, spread over partitions.

Articles are loaded and extracted per partition of files on the workers. Stories are formed on
the client from small keys per article (words counted, names, a digest of the text): grouping
weighs each word by its rarity across the whole batch and links articles through shared words,
so it is global by nature, and light. So are the people named: a surname alone resolves to the
one full name the whole batch gives it, and the client, which holds the claims for the report,
resolves them once. Claims (with their articles) are then shuffled to story partitions by their
story id and judged there; facts never span two stories, and within a story frames are matched by
likeness, not by an exact key, so the story is the unit of the shuffle."""

from __future__ import annotations

import operator
from collections.abc import Sequence

from distributed import Client, as_completed

from checker.config import Settings
from checker.distributed import tasks
from checker.engine import batch_people, story_names
from checker.errors import InputError
from checker.extraction import Progress
from checker.files import shown
from checker.gather.stories import group_stories
from checker.judge.findings import order
from checker.loader import STDIN, list_entries, unique_ids
from checker.records import Article, Claim, Finding, Report

PER_THREAD = 2  # partitions per worker thread by default: one may wait on its data while another runs


class DaskEngine:
    """The engine's run, extract_claims and find_facts, on the cluster a client reaches."""

    def __init__(self, client: Client, partitions: int = 0) -> None:
        self.client = client
        self.partitions = partitions

    def run(self, paths: Sequence[str], settings: Settings, progress: Progress | None = None,
            one_story: bool = False) -> Report:
        """Load, extract, gather, judge: the whole check of one batch, on the cluster."""
        if STDIN in map(str, paths):
            raise InputError("--engine dask reads files the workers can open, not standard input (-)")
        max_bytes = int(settings.max_file_mb * 1_000_000)
        entries, warnings = list_entries(paths, max_bytes)
        chunks = _chunks(entries, self._count(len(entries)))
        loaded = self.client.map(tasks.load_part, chunks, max_bytes=max_bytes, pure=False)
        named = self.client.gather(self.client.map(tasks.named_in, loaded, pure=False))
        warnings.extend(note for _, notes in named for note in notes)
        pairs = [pair for part, _ in named for pair in part]
        if not pairs:
            detail = f" ({'; '.join(warnings[:3])})" if warnings else ""
            raise InputError(shown(f"no readable article in: {', '.join(map(str, paths))}{detail}"))
        ids, renamed = unique_ids(pairs)
        warnings = [shown(warning) for warning in [*warnings, *renamed]]  # as load_paths shows them
        starts = _starts([len(part) for part, _ in named])
        parts = [self.client.submit(tasks.extract_part, part, ids[start:start + len(chunk)], settings.rules, start,
                                    pure=False)
                 for part, (chunk, _), start in zip(loaded, named, starts)]
        del loaded  # the articles live on in the extracted partitions only
        views = self._extracted(parts, [len(part) for part, _ in named], progress)
        articles = tuple(a for part in views for a in part[0])
        claims = tuple(c for part in views for c in part[1])
        warnings.extend(note for part in views for note in part[2])
        disputed, agreed = self._judged(parts, claims, settings, one_story)
        # The loader's notes on a manifest come once per partition that reads it: say each once.
        return Report(articles, claims, tuple(disputed), tuple(agreed), tuple(dict.fromkeys(warnings)))

    def extract_claims(self, articles: Sequence[Article], settings: Settings, progress: Progress | None = None,
                       warnings: list[str] | None = None) -> list[Claim]:
        """Extract the claims of articles held here, on the cluster (as extraction.extract_claims)."""
        chunks = _chunks(list(articles), self._count(len(articles)))
        starts = _starts([len(chunk) for chunk in chunks])
        parts = [self.client.submit(tasks.extract_part, chunk, None, settings.rules, start, pure=False)
                 for chunk, start in zip(self._sent(*chunks), starts)]
        views = self._extracted(parts, [len(chunk) for chunk in chunks], progress)
        for _, _, notes, failure in views:
            if failure is not None and warnings is None:
                raise failure
            if warnings is not None:
                warnings.extend(notes)
        return [c for part in views for c in part[1]]

    def find_facts(self, claims: Sequence[Claim], articles: Sequence[Article], settings: Settings,
                   one_story: bool = False) -> tuple[list[Finding], list[Finding]]:
        """Group, gather and judge claims held here, on the cluster (as engine.find_facts)."""
        chunks = _chunks(list(articles), self._count(len(articles)))
        where = {a.id: n for n, chunk in enumerate(chunks) for a in chunk}
        held: list[list[tasks.Ordered]] = [[] for _ in chunks]
        for index, claim in enumerate(claims):
            held[where[claim.article_id]].append(((index,), claim))
        parts = [self.client.submit(tasks.given_part, chunk, mine, pure=False)
                 for chunk, mine in zip(self._sent(*chunks), self._sent(*held))]
        return self._judged(parts, claims, settings, one_story)

    def _count(self, items: int) -> int:
        """Return how many partitions to cut `items` into."""
        wanted = self.partitions or PER_THREAD * max(1, sum(self.client.nthreads().values()))
        return max(1, min(wanted, items))

    def _extracted(self, parts: list, sizes: list[int], progress: Progress | None) -> list:
        """Wait for the extraction of every partition (`sizes` articles each), reporting progress;
        return what the report needs of each."""
        views = self.client.map(tasks.light, parts, pure=False)
        if progress:
            size_of = {future.key: size for future, size in zip(views, sizes)}
            done = 0
            for future in as_completed(views):
                done += size_of[future.key]
                progress(done, sum(sizes))
        return self.client.gather(views)

    def _judged(self, parts: list, claims: Sequence[Claim], settings: Settings,
                one_story: bool) -> tuple[list[Finding], list[Finding]]:
        """Form the stories from every partition's keys, shuffle the claims by story, judge each story partition;
        the people the batch names are resolved here, from all its claims, and sent to every story partition."""
        keys = [k for part in self.client.gather(self.client.map(tasks.story_keys, parts, pure=False)) for k in part]
        read = {k.id: (k.words, k.names) for k in keys}
        # Copies of one wire story are told by their text; its digest stands for it here.
        stand_ins = [Article(id=k.id, path="", text=k.digest, published=k.published) for k in keys]
        stories = group_stories(stand_ins, one_story, {k.id: k.people for k in keys if k.people}, read)
        named = story_names(read, stories)
        buckets = self._count(len(set(stories.values())))
        bucket_of = _balanced(stories, buckets)
        # Large arguments go to the cluster once, as data of their own, not inside every task.
        people, where = self._sent(batch_people(claims), bucket_of)
        pieces = [self.client.submit(tasks.split, part, where, buckets, pure=False) for part in parts]
        judged = []
        for bucket in range(buckets):
            mine = [self.client.submit(operator.getitem, piece, bucket, pure=False) for piece in pieces]
            members = [key for key, b in bucket_of.items() if b == bucket]
            own = self._sent({k: stories[k] for k in members}, {k: named[k] for k in members})
            judged.append(self.client.submit(tasks.judge_part, settings, *own, people, *mine, pure=False))
        disputed: list[Finding] = []
        agreed: list[Finding] = []
        for found, fine in self.client.gather(judged):
            disputed.extend(found)
            agreed.extend(fine)
        return sorted(disputed, key=order), sorted(agreed, key=order)


    def _sent(self, *values) -> list:
        """Send values to the cluster, each as one piece of data (a dict whole, not key by key)."""
        return self.client.scatter(list(values), hash=False)


def _chunks(items: list, count: int) -> list[list]:
    """Cut items into `count` runs of near-equal length, in order."""
    size, extra = divmod(len(items), count)
    out, at = [], 0
    for n in range(count):
        step = size + (n < extra)
        out.append(items[at:at + step])
        at += step
    return out


def _starts(sizes: list[int]) -> list[int]:
    """Return where each partition starts in the batch."""
    starts, at = [], 0
    for size in sizes:
        starts.append(at)
        at += size
    return starts


def _balanced(stories: dict[str, str], buckets: int) -> dict[str, int]:
    """Send each story to a story partition, largest stories first to the emptiest partition."""
    size: dict[str, int] = {}
    for story in stories.values():
        size[story] = size.get(story, 0) + 1
    load = [0] * buckets
    where: dict[str, int] = {}
    for story in sorted(size, key=lambda s: (-size[s], s)):
        target = min(range(buckets), key=lambda b: (load[b], b))
        where[story] = target
        load[target] += size[story]
    return {article: where[story] for article, story in stories.items()}
