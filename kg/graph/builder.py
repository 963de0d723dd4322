"""``kg build``: extract -> map -> validate -> write, one named graph per letter.

* The vocabularies (``kg.vocab.vocab_files()``: ontology, alignments, ``ontology/vocab``) go
  into ``id:graph/vocab`` once, and again only when the files' combined sha256 changes; the
  hash is kept in that graph as ``id:graph/vocab dcterms:identifier "sha256:<hex>"``.
* A letter whose response IRI is stored with the same source sha256 is skipped before
  mapping; a changed one replaces its graph in one transaction (``Store.replace_graph``).
* A letter with SHACL violations (``kg.validation.validate_letter``) is not written unless
  ``allow_invalid``; the others are. Warnings are returned (and printed by the CLI).
* Two files of one run that mint the same response IRI with different content: the later one
  (in path order) is warned about and written as ``<iri>-<sha8>``; deterministic, since
  results are consumed in path order whatever the number of worker processes.
* Extraction, mapping and validation run in worker processes when there are many letters;
  every write happens in this process, so the store has one writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg import ids
from kg.graph.mapping import LetterMapping, map_record, response_iri
from kg.graph.store import Store
from kg.graph.terms import ntriples
from kg.model import LetterRecord
from kg.namespace import DCTERMS, FOI, RDF

PARALLEL_THRESHOLD = 20  # below this many letters, worker start-up costs more than it saves
REPORT_NAME = ".kg-build.json"  # the last build's warnings and errors, kept beside the store
FLUSH_EVERY = 250  # letters written between flushes: bounds the store's write buffers
BATCH = 32  # letters validated together in a worker: the integrity rules run once for them
WRITE_BATCH = 1000  # new letters per bulk load: fewer, larger loads rewrite less (measured)

Extractor = Callable[[str], LetterRecord]
Validator = Callable[[Any], Any]


@dataclass
class LetterResult:
    """What happened to one file (``status``: added, updated, skipped, invalid, failed)."""

    source: str
    status: str = "mapped"
    iri: str | None = None
    sha256: str | None = None
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    error: str | None = None
    body: str = ""  # N-Triples of the letter graph, dropped once written


@dataclass
class BuildSummary:
    read: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    invalid: int = 0
    failed: int = 0
    triples: int = 0  # quads in the store after the build
    written_triples: int = 0  # triples written by this build
    vocab_loaded: bool = False
    validated: bool = False  # False when kg.validation is not available
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    letters: list[LetterResult] = field(default_factory=list)
    allow_invalid: bool = False

    @property
    def ok(self) -> bool:
        """False when a letter was unreadable, or invalid and therefore not written."""
        return self.failed == 0 and (self.invalid == 0 or self.allow_invalid)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for letter in data["letters"]:
            letter.pop("body", None)
        return data


# -- validation hook -------------------------------------------------------------------------


def default_validator() -> Validator | None:
    """``kg.validation.validate_letter`` when the shapes module exists, else None."""
    try:
        from kg.validation import validate_letter  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        if getattr(exc, "name", None) not in ("kg.validation", None):
            raise  # kg.validation exists but is broken: say so, do not skip validation
        return None
    return validate_letter


def _messages(items: Any) -> list[str]:
    """Violation/warning entries as one-line strings, whatever shape the validator uses."""
    out: list[str] = []
    for item in items or []:
        if isinstance(item, str):
            text = item
        elif isinstance(item, dict):
            text = str(item.get("message") or item)
            focus = item.get("focus") or item.get("focus_node")
            text = f"{focus}: {text}" if focus else text
        else:
            msg = getattr(item, "message", None)
            focus = getattr(item, "focus", None) or getattr(item, "focus_node", None)
            text = str(msg) if msg is not None else str(item)
            text = f"{focus}: {text}" if focus else text
        out.append(" ".join(text.split()))
    return out


# -- per-letter work (runs in worker processes) ----------------------------------------------


@dataclass
class _Config:
    stored: dict[str, str]
    extractor: Extractor | None
    validator: Validator | None
    known_sections: frozenset[str] | None
    batch: bool = False  # the validator is kg.validation's: check a batch of letters at once


_CFG: _Config | None = None


def _init_worker(cfg: _Config) -> None:
    global _CFG
    _CFG = cfg


def _default_extract(path: str) -> LetterRecord:
    from kg.extract import extract_path

    return extract_path(path)


def _one_line(source: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if not text.startswith(source):
        text = f"{source}: {text}"
    return text


def process_letter(source: str, cfg: _Config, override: str | None = None) -> LetterResult:
    """Extract, map and validate one file; never raises (errors become ``failed``)."""
    res, mapping = _prepare(source, cfg, override)
    if mapping is not None:
        _check([(res, mapping)], cfg)
    return res


def process_batch(sources: list[str], cfg: _Config) -> list[LetterResult]:
    """``process_letter`` over several files, validated together (``validate_letters``: the
    integrity rules run once for the batch); the same results, in the same order."""
    prepared = [_prepare(source, cfg) for source in sources]
    todo = [(res, mapping) for res, mapping in prepared if mapping is not None]
    if todo:
        _check(todo, cfg)
    return [res for res, _ in prepared]


def _prepare(
    source: str, cfg: _Config, override: str | None = None
) -> tuple[LetterResult, LetterMapping | None]:
    """Extract and map one file: the mapping is None when there is nothing to validate."""
    res = LetterResult(source=source)
    started = datetime.now(UTC)
    try:
        rec = (cfg.extractor or _default_extract)(source)
    except Exception as exc:  # LoadError, CurationError or an extractor bug: one line
        res.status, res.error = "failed", _one_line(source, exc)
        return res, None
    ended = datetime.now(UTC)
    res.sha256 = rec.sha256
    iri = URIRef(override) if override else response_iri(rec)
    res.iri = str(iri)
    res.warnings = [f"{source}: {w}" for w in rec.warnings]
    if override is None and cfg.stored.get(res.iri) == rec.sha256:
        res.status = "skipped"  # same file already stored: no mapping, no validation
        return res, None
    try:
        mapping = map_record(
            rec, response=iri, started=started, ended=ended, known_sections=cfg.known_sections
        )
        res.warnings += [f"{source}: {w}" for w in mapping.warnings]
        res.body = ntriples(mapping.triples)
        res.triples = len(mapping.triples)
    except Exception as exc:  # a mapper bug must not stop the other letters
        _failed(res, exc)
        return res, None
    return res, mapping


def _check(todo: list[tuple[LetterResult, LetterMapping]], cfg: _Config) -> None:
    """Validate mapped letters, recording each one's violations and warnings on it."""
    if cfg.validator is None:
        return
    if cfg.batch:
        from kg.validation import letter_view, validate_letters

        names = [res.iri for res, _ in todo]
        if len(set(names)) == len(names) and len(todo) > 1:
            try:
                views = [letter_view(m.triples, str(res.iri)) for res, m in todo]
                found = validate_letters(views, bodies=[res.body for res, _ in todo])
            except Exception:  # noqa: BLE001 - retried letter by letter below, to name the culprit
                pass
            else:
                for (res, _), result in zip(todo, found, strict=True):
                    _keep(res, result)
                return
    for res, mapping in todo:
        try:
            graph = letter_view(mapping.triples, str(res.iri)) if cfg.batch else mapping.graph()
            _keep(res, cfg.validator(graph))
        except Exception as exc:  # a validator bug must not stop the other letters
            _failed(res, exc)


def _keep(res: LetterResult, result: Any) -> None:
    iri = str(res.iri)
    res.violations = [f"{res.source}: {_short(m, iri)}" for m in _messages(result.violations)]
    res.warnings += [f"{res.source}: {_short(m, iri)}" for m in _messages(result.warnings)]


def _failed(res: LetterResult, exc: Exception) -> None:
    res.status, res.body, res.triples = "failed", "", 0
    res.error = f"{res.source}: could not map or validate ({type(exc).__name__}: {exc})"
    res.error = " ".join(res.error.split())


def _short(message: str, iri: str) -> str:
    """Focus nodes of the letter named relative to it: ``threat/current: ...``."""
    if message.startswith(f"{iri}/"):
        return message[len(iri) + 1 :]
    if message.startswith(f"{iri}:"):
        return "response" + message[len(iri) :]
    return message


def _work(sources: list[str]) -> list[LetterResult]:
    assert _CFG is not None
    return process_batch(sources, _CFG)


# -- vocabulary ------------------------------------------------------------------------------


def vocab_hash() -> tuple[str, list[Path]]:
    from kg.vocab import vocab_files

    files = vocab_files()
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest(), files


def ensure_vocab(store: Store) -> bool:
    """Load ``id:graph/vocab`` when it is missing or its files changed; True if (re)loaded."""
    from kg.vocab import vocab_graph

    digest, _ = vocab_hash()
    marker = Literal(f"sha256:{digest}")
    graph = str(ids.VOCAB_GRAPH)
    rows = store.query(
        f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ <{graph}> <{DCTERMS.identifier}> ?h }} }}"
    )
    if rows and rows[0]["h"] == marker:  # type: ignore[index]
        return False
    g = vocab_graph()
    body = ntriples(g) + ntriples([(ids.VOCAB_GRAPH, DCTERMS.identifier, marker)])
    store.replace_graph(graph, body)
    return True


def known_sections() -> frozenset[str]:
    from kg.vocab import vocab_graph

    return frozenset(str(s) for s in vocab_graph().subjects(RDF.type, FOI.Exemption))


# -- the build -------------------------------------------------------------------------------


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    from kg.loaders import iter_paths

    return [str(p) for p in iter_paths(paths)]


def _results(sources: list[str], cfg: _Config, jobs: int | None) -> Iterator[LetterResult]:
    """Each file's result, in path order, from batches of files processed in worker processes
    (in this one for few files). A bounded number of batches is in flight, so memory stays
    flat however many letters wait."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    size = max(1, min(BATCH, len(sources) // max(1, workers * 4)))
    batches = [sources[i : i + size] for i in range(0, len(sources), size)]
    if workers <= 1 or len(sources) < PARALLEL_THRESHOLD:
        for batch in batches:
            yield from process_batch(batch, cfg)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(cfg,)
    ) as pool:
        pending: deque[Future[list[LetterResult]]] = deque()
        todo = iter(batches)
        # Enough batches in flight that the workers keep going while this process bulk-loads
        # WRITE_BATCH letters (several seconds); at most that many results wait in memory.
        window = max(workers * 3, WRITE_BATCH // size + workers)
        for batch in islice(todo, window):
            pending.append(pool.submit(_work, batch))
        while pending:
            done = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_work, nxt))
            yield from done


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    allow_invalid: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    extractor: Extractor | None = None,
    validator: Validator | None | str = "auto",
) -> BuildSummary:
    """Build (or update) the graph of every letter under ``paths`` into ``store``.

    ``extractor`` replaces ``kg.extract.extract_path`` (a module-level function, so worker
    processes can use it); ``validator`` is ``"auto"`` (``kg.validation`` when present), a
    callable returning an object with ``violations`` and ``warnings``, or None to skip.
    ``progress(done, total, source)`` is called after each file.
    """
    summary = BuildSummary(allow_invalid=allow_invalid)
    if validator == "auto":
        validator = default_validator()
        if validator is None:
            summary.warnings.append(
                "kg.validation is not available: letters written without SHACL validation"
            )
    summary.validated = validator is not None
    batch = validator is not None and validator is default_validator()
    summary.vocab_loaded = ensure_vocab(store)
    sources = _expand(paths)
    stored = store.letter_shas()
    cfg = _Config(stored, extractor, validator, known_sections(), batch)  # type: ignore[arg-type]
    seen: dict[str, tuple[str, str]] = {}  # iri -> (sha256, source) minted in this run
    # Files unchanged since they were stored are skipped without even being extracted
    # (default extractor only: the cache knows what kg.extract made of those bytes).
    cache = _SkipCache(store) if extractor is None else None
    known = {s: cache.lookup(s, stored) for s in sources} if cache else {}
    todo = [s for s in sources if known.get(s) is None]
    fresh = _results(todo, cfg, jobs)
    writer = _Writer(store, stored, summary)
    summary.warnings += [
        f"{name}: dropped, its bulk write never finished; rebuilt by this build"
        for name in getattr(store, "recovered", [])
    ]
    try:
        for done, source in enumerate(sources, start=1):
            res = known.get(source) or next(fresh)
            res = _settle(res, cfg, seen, summary)
            writer.record(res)
            summary.letters.append(res)
            if progress is not None:
                progress(done, len(sources), res.source)
        writer.flush()
    finally:
        fresh.close()  # shuts the worker pool down now, also on an interrupt
    if cache is not None:
        for res in summary.letters:
            cache.remember(res)
        cache.save()
    if summary.added + summary.updated and hasattr(store, "optimize"):
        store.optimize()
    summary.triples = store.count()
    _keep_report(store, summary)
    return summary


class _SkipCache:
    """``<store>/.kg-build-cache.json``: (foi-kg version, file sha256, sidecar sha256) -> the
    response IRI it was stored under. Only a shortcut: a hit counts only when the store still
    holds that IRI with that file's sha256, so a stale or lost cache costs time, never data."""

    NAME = ".kg-build-cache.json"

    def __init__(self, store: Store) -> None:
        path = getattr(store, "path", None)
        self.path = Path(path) / self.NAME if path is not None else None
        self.entries: dict[str, str] = {}
        self.keys: dict[str, tuple[str, str]] = {}  # source -> (key, file sha256)
        if self.path is not None and self.path.exists():
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.entries = {str(k): str(v) for k, v in data.items()}

    def _key(self, source: str) -> tuple[str, str] | None:
        from kg import __version__
        from kg.curation import find_sidecar

        try:
            sha = hashlib.sha256(Path(source).read_bytes()).hexdigest()
            sidecar = find_sidecar(source)
            side = hashlib.sha256(sidecar.read_bytes()).hexdigest() if sidecar else ""
        except OSError:
            return None  # unreadable: let the extractor say why
        return f"{__version__}:{sha}:{side}", sha

    def lookup(self, source: str, stored: dict[str, str]) -> LetterResult | None:
        if self.path is None:
            return None
        key = self._key(source)
        if key is None:
            return None
        self.keys[source] = key
        iri = self.entries.get(key[0])
        if iri is None or stored.get(iri) != key[1]:
            return None
        return LetterResult(source=source, status="skipped", iri=iri, sha256=key[1])

    def remember(self, res: LetterResult) -> None:
        key = self.keys.get(res.source)
        written = res.status in ("added", "updated", "skipped")
        if key is not None and res.iri and res.sha256 == key[1] and written:
            self.entries[key[0]] = res.iri

    def save(self) -> None:
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.write_text(json.dumps(self.entries, indent=0), encoding="utf-8")


def _settle(
    res: LetterResult, cfg: _Config, seen: dict[str, tuple[str, str]], summary: BuildSummary
) -> LetterResult:
    """Resolve two files of one run claiming the same response IRI."""
    if res.iri is None or res.sha256 is None:
        return res
    first = seen.get(res.iri)
    if first is None:
        seen[res.iri] = (res.sha256, res.source)
        return res
    if first[0] == res.sha256:
        res.status, res.body = "skipped", ""
        res.warnings.append(f"{res.source}: same file as {first[1]}; skipped")
        return res
    alt = f"{res.iri}-{res.sha256[:8]}"
    summary.warnings.append(
        f"{res.source}: response {res.iri} is already minted by {first[1]} with other "
        f"content; this letter is written as {alt}"
    )
    if cfg.stored.get(alt) == res.sha256:
        res.iri, res.status, res.body = alt, "skipped", ""
    else:
        warnings = res.warnings
        res = process_letter(res.source, cfg, override=alt)
        res.warnings = warnings + [w for w in res.warnings if w not in warnings]
    if res.iri is not None and res.sha256 is not None:
        seen[res.iri] = (res.sha256, res.source)
    return res


class _Writer:
    """Writes letters as their results arrive, counting them in the summary.

    A changed letter replaces its graph at once, in one transaction. New letters wait in a
    batch of ``WRITE_BATCH`` and go in with one bulk load (``add_graphs``, when the store has
    it): a transaction per letter costs twice the CPU and grows with the store. A batch the
    store refuses is written again letter by letter, so only the culprit fails."""

    def __init__(self, store: Store, stored: dict[str, str], summary: BuildSummary) -> None:
        self.store = store
        self.stored = stored
        self.summary = summary
        self.bulk = hasattr(store, "add_graphs")
        self.pending: list[LetterResult] = []
        self.written = 0

    def record(self, res: LetterResult) -> None:
        summary = self.summary
        summary.read += 1
        summary.warnings += res.warnings
        if res.status == "failed":
            summary.failed += 1
            summary.errors.append(res.error or f"{res.source}: failed")
            return
        if res.status == "skipped":
            summary.skipped += 1
            return
        assert res.iri is not None and res.sha256 is not None
        if res.violations:
            summary.invalid += 1
            summary.errors += res.violations
            if not summary.allow_invalid:
                res.status, res.body = "invalid", ""
                summary.errors.append(
                    f"{res.source}: not written ({len(res.violations)} violations)"
                )
                return
        # A bulk load adds to a graph: only graphs the store does not hold at all go that way
        # (a graph can exist without the sha256 that would have put it in ``stored``).
        if self.bulk and res.iri not in self.stored and not self.store.has_graph(res.iri):
            self.pending.append(res)
            if len(self.pending) >= WRITE_BATCH:
                self.flush()
            return
        self._one(res)

    def flush(self) -> None:
        """Write the waiting new letters."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            self.store.add_graphs([(str(r.iri), r.body) for r in batch])  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - retried one by one below, to name the culprit
            for res in batch:
                self._one(res)
            return
        for res in batch:
            self._written(res)

    def _one(self, res: LetterResult) -> None:
        try:
            self.store.replace_graph(str(res.iri), res.body)
        except Exception as exc:  # the transaction failed: nothing of this letter was written
            self.summary.failed += 1
            res.status, res.body = "failed", ""
            res.error = f"{res.source}: not written ({' '.join(str(exc).split())})"
            self.summary.errors.append(res.error)
            return
        self._written(res)

    def _written(self, res: LetterResult) -> None:
        summary = self.summary
        assert res.iri is not None and res.sha256 is not None
        res.status = "updated" if res.iri in self.stored else "added"
        if res.status == "updated":
            summary.updated += 1
        else:
            summary.added += 1
        self.stored[res.iri] = res.sha256
        summary.written_triples += res.triples
        res.body = ""
        self.written += 1
        if self.written % FLUSH_EVERY == 0 and hasattr(self.store, "flush"):
            self.store.flush()


def _keep_report(store: Store, summary: BuildSummary) -> None:
    """Keep the last build's warnings and errors beside an on-disk store."""
    path = getattr(store, "path", None)
    if path is None:
        return
    report = {
        "finished": datetime.now(UTC).isoformat(),
        **{k: v for k, v in summary.to_dict().items() if k != "letters"},
        "letters": [{k: v for k, v in asdict(r).items() if k != "body"} for r in summary.letters],
    }
    # the report is a convenience: the graph is already written if it cannot be saved
    with contextlib.suppress(OSError):
        (Path(path) / REPORT_NAME).write_text(json.dumps(report, indent=1), encoding="utf-8")


__all__ = [
    "BuildSummary",
    "LetterResult",
    "build",
    "default_validator",
    "ensure_vocab",
    "process_letter",
    "vocab_hash",
]
