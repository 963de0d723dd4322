"""Facts about the force's use of facial recognition: technologies, providers, money,
deployments and URLs.

``fill(text, rec, region)`` sets ``rec.technologies`` (``kg.extract.technology``),
``rec.providers``, ``rec.expenditure`` (``kg.extract.money``), ``rec.deployments``
(``kg.extract.deployments``) and ``rec.urls``. Run it after ``kg.extract.legal.fill`` so the
harm and public-interest paragraphs are known and kept out of the statements of use.

Providers are who the force says supplies a technology: "This is provided by the Home
Office", "supplied by NEC", "NeoFace Watch from NEC", "our supplier is ...". Public bodies
(Home Office, another force, a national police service) are ``provider``; companies are
``vendor``. A funder ("funded by the Home Office") is neither, and a company named only in the
requester's questions is not the force's supplier.
"""

from __future__ import annotations

import re

from kg.extract import deployments, money, technology
from kg.extract.techterms import find_technologies, first_technology
from kg.extract.textspans import (
    Row,
    SpanSet,
    clip,
    hypothetical,
    inside,
    letter_sentences,
    requester_spans,
    table_rows,
)
from kg.extract.textutil import lowered
from kg.model import CitedURL, LetterRecord, Provider, Span

_NAME = r"(?P<name>[A-Z][A-Za-z0-9&\-]*(?:\s+(?:[A-Z][A-Za-z0-9&\-]*|&|and|of|for)){0,5})"
_PROVIDER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "verb",
        re.compile(
            r"\b(?P<verb>provided|supplied|developed|manufactured|licen[sc]ed|sold|hosted|delivered|"
            r"maintained|managed|owned|administered|run|operated|built|made\s+available|procured|"
            r"purchased|bought|leased|acquired|licensed)\s+"
            # "supplied to the Home Office by Cognitec", "provided to forces by ..."
            r"(?:to\s+[A-Za-z][^.,;:\n]{0,40}?\s+)?(?:by|from|through|via)\s+(?:the\s+)?" + _NAME
        ),
    ),
    (
        "from",
        re.compile(
            r"\b(?P<product>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?:software\s+|system\s+|product\s+|"
            r"platform\s+|solution\s+)?(?:from|by)\s+(?:the\s+)?" + _NAME
        ),
    ),
    (
        "role",
        re.compile(
            r"\b(?:[Ss]upplier|[Vv]endor|[Pp]rovider|[Mm]anufacturer|[Cc]ontractor|[Dd]eveloper)s?"
            r"(?:\s+(?:is|was|are|were|being)|\s*[:|–-])\s+(?:the\s+)?" + _NAME
        ),
    ),
    (
        "object",
        re.compile(
            r"\b(?:software|system|product|technology|platform|solution|cameras?|equipment|"
            r"algorithm|application|app)\s+(?:\w+\s+){0,2}?(?:from|by)\s+(?:the\s+)?" + _NAME
        ),
    ),
    (
        "product-of",
        # "FaceVACS, a product of Cognitec Systems", "a solution developed by ..."
        re.compile(r"\b(?:product|solution)\s+of\s+(?:the\s+)?" + _NAME),
    ),
    ("contract", re.compile(r"\bcontract\s+(?:\w+\s+){0,2}with\s+(?:the\s+)?" + _NAME)),
    (
        "possessive",
        re.compile(
            # "NEC's NeoFace", "Idemia's Morpho system"; not "the Scottish Parliament's Justice
            # Sub-Committee": a capitalised word after the possessive needs a product word.
            _NAME
            + r"['’]s\s+(?:NeoFace|[A-Z]\w+\s+(?:software|system|product|technology|platform))\b"
        ),
    ),
)
# Every provider pattern needs one of these words; most sentences have none.
_PROVIDER_HINT = re.compile(
    r"\b(?:by|from|through|via|[Ss]upplier|[Vv]endor|[Pp]rovider|[Mm]anufacturer|[Cc]ontractor|"
    r"[Dd]eveloper|contract)s?\b|['’]s\s+[A-Z]"
)


def _product_of(low: str, sent: Span) -> bool:
    """The sentence says "a product of" / "a solution of" (str.find on the lowered text:
    a regex per sentence for a rare wording costs more)."""
    return low.find("product of", *sent) >= 0 or low.find("solution of", *sent) >= 0


# "The system used by the MPS": the force that uses a system does not supply it.
_USED_BY = re.compile(
    r"\b(?:used|deployed|employed|adopted|trialled|tested)\s+(?:by|from)\s+(?:the\s+)?$"
)
_PUBLIC_BODY = re.compile(
    r"\b(?:Office|Department|Ministry|Government|Police|Constabulary|Service|Agency|College|Council|"
    r"Authority|Commissioner|NPCC|Directorate|Unit)\b"
)
_NOT_A_NAME = re.compile(
    r"^(?:The|This|These|That|It|We|Our|Your|I|In|On|At|For|Section|Sections|Act|Freedom|FOI|"
    r"Police\s+National\s+Database|PND|Information|Yes|No)$|Database$"
)
_FUNDING = re.compile(r"\b(?:fund\w*|grant\w*|financ\w*|paid|money|budget)\b[^.]{0,80}$", re.I)
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]\"'`]+|\bwww\.[^\s<>()\[\]\"'`]+", re.I)
_URL_TRAIL = ".,;:!?)]'\"’”*>"


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set technologies, providers, expenditure, deployments and URLs of ``rec``."""
    technology.fill(text, rec, region)
    fill_providers(text, rec, region)
    money.fill(text, rec, region)
    deployments.fill(text, rec, region)
    fill_urls(text, rec, region)


def fill_providers(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.providers``."""
    start, end = clip(text, region)
    skip = requester_spans(rec)
    skip_set = SpanSet(skip)  # tested once per sentence
    out: list[Provider] = []
    seen: set[tuple[str, str | None]] = set()
    # The technology of the paragraph so far (the last sentence before this one that names
    # one), worked out only when a provider is found: most sentences name none.
    earlier: list[Span] = []  # the paragraph's sentences before this one
    prev_para = -1

    def prev_technology() -> str | None:
        for s, e in reversed(earlier):
            if tech := first_technology(text, s, e):
                return tech
        return None

    low = lowered(text)
    for para, sent in letter_sentences(text, (start, end)):
        if para.start != prev_para:
            earlier, prev_para = [], para.start
        product_of = _product_of(low, sent)
        if (
            inside(sent, skip_set)
            or text[sent[0] : sent[1]].rstrip(" *").endswith("?")
            or not (product_of or _PROVIDER_HINT.search(text, sent[0], sent[1]))
        ):
            earlier.append(sent)
            continue
        for kind, pat in _PROVIDER_PATTERNS:
            if kind == "product-of" and not product_of:
                continue
            for m in pat.finditer(text, sent[0], sent[1]):
                name = _clean_name(m["name"])
                if not name or _NOT_A_NAME.search(name) or hypothetical(text, sent[0], m.start()):
                    continue  # "confirm or deny whether the software is supplied by NEC"
                if _FUNDING.search(text, max(sent[0], m.start() - 80), m.start("name")):
                    continue
                if kind in ("from", "object") and _USED_BY.search(text, m.start(), m.start("name")):
                    continue
                if kind == "from" and not re.search(
                    r"software|system|product|platform|solution|Watch|NeoFace|[A-Z]{2,}",
                    m["product"],
                ):
                    continue
                before = [
                    t
                    for t, (_s, e) in find_technologies(text, sent[0], m.start())
                    if e <= m.start()
                ]
                tech = before[-1] if before else first_technology(text, sent[0], sent[1])
                tech = tech or prev_technology()
                tech = tech or _answer_technology(rec, sent)
                key = (name.lower(), tech)
                if key in seen:
                    continue
                seen.add(key)
                role = "provider" if _PUBLIC_BODY.search(name) else "vendor"
                out.append(
                    Provider(
                        span=sent,
                        name=name,
                        technology=tech,
                        role=role,
                        text=text[sent[0] : sent[1]],
                    )
                )
        earlier.append(sent)
    out.extend(_table_providers(text, rec, (start, end), skip, seen))
    out.extend(_product_vendors(text, rec, (start, end), skip_set, out))
    rec.providers = out


# Facial recognition products whose names say who makes them: "The software used is NEC
# NeoFace Live", "searches using NeoFace Reveal" name the vendor without "supplied by".
_PRODUCTS = re.compile(r"\b(?P<product>NeoFace|FaceVACS|MorphoFace|Rekognition)\b")
_PRODUCT_VENDOR = {
    "neoface": "NEC",
    "facevacs": "Cognitec",
    "morphoface": "IDEMIA",
    "rekognition": "Amazon",
}


def _product_vendors(
    text: str, rec: LetterRecord, region: Span, skip: SpanSet, found: list[Provider]
) -> list[Provider]:
    """The maker of a named product the force says it uses, when no sentence names it."""
    low = lowered(text)
    if not any(low.find(w, region[0], region[1]) >= 0 for w in _PRODUCT_VENDOR):
        return []  # str.find: the regex over a whole letter costs more than all the rest
    named = " ".join(p.name.lower() for p in found)
    out: list[Provider] = []
    for _para, sent in letter_sentences(text, region):
        if inside(sent, skip) or text[sent[0] : sent[1]].rstrip(" *").endswith("?"):
            continue
        for m in _PRODUCTS.finditer(text, sent[0], sent[1]):
            vendor = _PRODUCT_VENDOR[m["product"].lower()]
            if vendor.lower() in named or hypothetical(text, sent[0], m.start()):
                continue
            named += " " + vendor.lower()
            tech = first_technology(text, sent[0], sent[1]) or _answer_technology(rec, sent)
            out.append(
                Provider(
                    span=sent,
                    name=vendor,
                    technology=tech,
                    role="vendor",
                    text=text[sent[0] : sent[1]],
                )
            )
    return out


_ROLE_CELL = re.compile(
    r"^(?:(?:software|system|technology|product)\s+)?(?:supplier|vendor|provider|manufacturer|"
    r"company|contractor|developer)s?(?:\s+name)?\s*:?$",
    re.I,
)


def _table_providers(
    text: str,
    rec: LetterRecord,
    region: Span,
    skip: list[Span],
    seen: set[tuple[str, str | None]],
) -> list[Provider]:
    """ "| Supplier | NEC |": a role cell and the name in the cell after it."""
    out: list[Provider] = []
    for table in table_rows(text, region):
        column = _supplier_column(text, rec, table, skip, seen)
        out.extend(column)
        for row in table[1:] if column else table:  # a header row names no supplier
            cells = list(row.cells)
            for (a, b), (c, d) in zip(cells, cells[1:], strict=False):
                if inside((c, d), skip) or not _ROLE_CELL.match(text[a:b]):
                    continue
                m = re.match(_NAME + r"\s*$", text[c:d])
                if not m:
                    continue
                name = _clean_name(m["name"])
                if not name or _NOT_A_NAME.search(name):
                    continue
                tech = first_technology(text, row.span[0], row.span[1])
                tech = tech or _answer_technology(rec, row.span)
                if (name.lower(), tech) in seen:
                    continue
                seen.add((name.lower(), tech))
                role = "provider" if _PUBLIC_BODY.search(name) else "vendor"
                out.append(
                    Provider(
                        span=row.span,
                        name=name,
                        technology=tech,
                        role=role,
                        text=text[row.span[0] : row.span[1]],
                    )
                )
    return out


def _supplier_column(
    text: str,
    rec: LetterRecord,
    table: list[Row],
    skip: list[Span],
    seen: set[tuple[str, str | None]],
) -> list[Provider]:
    """A table whose header row has a "Supplier" column: the name in that column of each row."""
    head = [text[a:b].strip(" *_") for a, b in table[0].cells]
    cols = [i for i, h in enumerate(head) if _ROLE_CELL.match(h)]
    if not cols or len(table) < 2:
        return []
    out: list[Provider] = []
    for row in table[1:]:
        if len(row.cells) != len(head) or inside(row.span, skip):
            continue
        c, d = row.cells[cols[0]]
        m = re.match(r"\s*" + _NAME + r"\s*$", text[c:d])
        if not m:
            continue
        name = _clean_name(m["name"])
        if not name or _NOT_A_NAME.search(name):
            continue
        tech = first_technology(text, row.span[0], row.span[1]) or _answer_technology(rec, row.span)
        # Else the technology the lines above the table are about ("LFR spending:").
        above = table[0].span[0]
        tech = tech or first_technology(text, max(0, above - 300), above)
        if (name.lower(), tech) in seen:
            continue
        seen.add((name.lower(), tech))
        role = "provider" if _PUBLIC_BODY.search(name) else "vendor"
        out.append(
            Provider(
                span=row.span,
                name=name,
                technology=tech,
                role=role,
                text=text[row.span[0] : row.span[1]],
            )  # fmt: skip
        )
    return out


def _answer_technology(rec: LetterRecord, span: Span) -> str | None:
    """The technology the questions ask about, for a sentence inside their answer."""
    by_number = {q.number.strip().lower(): q for q in rec.questions if q.number}
    for a in rec.answers:
        if a.span and a.span[0] <= span[0] < a.span[1]:
            for n in a.questions:
                q = by_number.get(n.strip().lower())
                if q and q.text and (tech := first_technology(q.text, 0, len(q.text))):
                    return tech
    in_use = {u.technology for u in rec.technologies if u.status in ("in-use", "trialled")}
    return in_use.pop() if len(in_use) == 1 else None


def _clean_name(raw: str) -> str:
    words = raw.split()
    while words and words[-1] in ("and", "of", "for", "&"):
        words.pop()
    return " ".join(words)


def fill_urls(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.urls``: every distinct http(s) or www. address, trailing punctuation trimmed."""
    start, end = clip(text, region)
    out: list[CitedURL] = []
    seen: set[str] = set()
    for m in _URL.finditer(text, start, end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in _URL_TRAIL:
            e -= 1
        url = text[s:e]
        if len(url) < 8 or url in seen:
            continue
        seen.add(url)
        out.append(CitedURL(span=(s, e), url=url))
    rec.urls = out


def spans_ok(text: str, spans: list[Span]) -> bool:
    """True when every span lies inside ``text`` (used by the property tests)."""
    return all(0 <= s <= e <= len(text) for s, e in spans)
