"""Find the responding letter inside a file: the region every later step reads.

A saved file often holds more than the letter: web-page furniture (cookie notices, "Leave
site", "Page feedback"), the quoted earlier messages of an email thread, or an acknowledgement
or interim letter ahead of the full response. ``segment`` splits the text into messages at
quotation markers and at a new salutation after a sign-off, classifies each message (request,
interim/acknowledgement, response) and returns the region of the response, trimmed of
furniture. The text itself is never cut, so every span stays valid; the other messages are
kept too because a quoted request may be the only place the questions are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.textutil import SIGN_OFF as _SIGN_OFF
from kg.extract.textutil import Span, lines

# Lines that belong to a web page, not to the letter. Matched against whole stripped lines.
_FURNITURE = re.compile(
    r"""^(?:
        .*\bcookies?\b.*
      | (?:quickly\s+exit\b.*|leave\s+(?:this\s+)?site|exit\s+this\s+site.*)
      | skip\s+to\s+(?:main\s+)?content
      | sorry,\s+there\s+was\s+a\s+technical\s+problem.*
      | this\s+site\s+is\s+a\s+beta\b.*
      | (?:page\s+)?feedback
      | was\s+this\s+page\s+(?:useful|helpful).*
      | what\s+best\s+describes\s+the\s+reason.*
      | is\s+there\s+anything\s+wrong\s+with\s+this\s+page.*
      | report\s+a\s+problem\s+with\s+this\s+page
      | (?:no\s+)?attachments
      | bookmark\s+the\s+permalink\.?
      | comments\s+are\s+closed\.?
      | share\s+(?:this|on)\b.{0,30}
      | print\s+(?:this\s+)?page
      | back\s+to\s+top
      | (?:yes|no)
      | menu|search|home|close|accept|reject|save\s+preferences|customise\s+cookies
      | you\s+are\s+here:?.*
      | (?:main\s+)?navigation
      | breadcrumb.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines from which everything to the end of the file is page furniture.
_TAIL_START = re.compile(
    r"^(?:page\s+feedback|was\s+this\s+page\s+(?:useful|helpful)|is\s+this\s+page\s+useful"
    r"|bookmark\s+the\s+permalink|comments\s+are\s+closed|related\s+(?:pages|documents|links)"
    r"|report\s+a\s+problem\s+with\s+this\s+page)\b",
    re.IGNORECASE,
)

# Where a quoted earlier message starts.
_QUOTE_MARKERS = re.compile(
    r"""^[ \t]*(?:
        -{2,}\s*(?:Original|Forwarded)\s+Message\s*-{2,}.*
      | _{8,}\s*
      | On\s[^\n]{4,200}?\bwrote:\s*
      | On\s[^\n]{4,200}\n[^\n]{0,200}\bwrote:\s*
      | From:[ \t]+\S[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:Sent|Date):[ \t]+\S[^\n]*
      | >[^\n]*
    )$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)

_SALUTATION = re.compile(r"^\W*Dear\s+\S", re.IGNORECASE | re.MULTILINE)

# Cues that a message answers the request...
_RESPONSE_CUES = re.compile(
    r"neither\s+confirm|no\s+(?:relevant\s+)?information\s+(?:is\s+)?held|information\s+is\s+not\s+held"
    r"|not\s+held\s+by|\bresponses?\s*(?:to\s+)?(?:q(?:uestion)?\s*)?\d|\bq\d+[a-z]?\s+response"
    r"|please\s+find\s+(?:below|attached|enclosed)?\s*(?:the|our)\s+(?:\w+\s+){0,3}response"
    r"|^\W*(?:our\s+)?response\W*$|in\s+(?:answer|response)\s+to\s+(?:your\s+)?question"
    r"|I\s+can\s+confirm|we\s+do\s+not\s+(?:use|hold|currently)|does\s+not\s+(?:use|hold)"
    r"|exemptions?\b|section\s+(?:12|2[1-9]|3\d|4[0-4])\b|appropriate\s+limit"
    r"|(?:is|are)\s+not\s+currently\s+using",
    re.IGNORECASE | re.MULTILINE,
)
# ...and that a message only acknowledges it or asks for more time.
_INTERIM_CUES = re.compile(
    r"acknowledge\s+(?:receipt|your)|acknowledg(?:e)?ment|we\s+(?:have\s+)?received\s+your\s+request"
    r"|(?:is|are)\s+(?:now\s+)?being\s+(?:processed|considered|dealt\s+with)"
    r"|within\s+(?:the\s+statutory\s+(?:timescale|period)\s+of\s+)?(?:20|twenty)\s+working\s+days"
    r"|\binterim\b|extend(?:ed)?\s+the\s+(?:deadline|time)|extension\s+to\s+the\s+(?:time|deadline)"
    r"|we\s+aim\s+to\s+respond|will\s+(?:receive\s+)?(?:a\s+)?respon(?:se|d)\s+(?:by|within|as\s+soon)"
    r"|apologi[sz]e\s+for\s+the\s+delay\s+in\s+(?:responding|providing)",
    re.IGNORECASE,
)
# A requester's own message: how requests are written, not how forces answer.
_REQUEST_CUES = re.compile(
    r"I\s+(?:would\s+like\s+to|wish\s+to|am\s+writing\s+to)\s+request|please\s+(?:provide|send|tell)"
    r"|under\s+the\s+freedom\s+of\s+information\s+act|Yours\s+faithfully",
    re.IGNORECASE,
)


@dataclass
class Message:
    """One message of a file: its span and what it seems to be."""

    span: Span
    kind: str  # "response", "interim", "request", "other"
    quoted: bool  # starts at a quotation marker
    score: int = 0


@dataclass
class Segmentation:
    """The responding letter's region and every message the file holds."""

    region: Span
    messages: list[Message] = field(default_factory=list)

    def others(self) -> list[Message]:
        """Messages outside the region (quoted request, interim letters)."""
        return [m for m in self.messages if m.span != self.region]


def _strip_furniture(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` past leading and trailing web-page furniture and blank lines."""
    lns = lines(text, start, end)
    i = 0
    while i < len(lns) and (lns[i].blank or _FURNITURE.match(lns[i].stripped)):
        i += 1
    # Everything from the first tail marker in the second half is feedback widgets etc.
    j = len(lns)
    half = start + (end - start) // 3
    for k in range(i, len(lns)):
        if lns[k].start >= half and _TAIL_START.match(lns[k].stripped):
            j = k
            break
    while j > i and (lns[j - 1].blank or _FURNITURE.match(lns[j - 1].stripped)):
        j -= 1
    if i >= j:
        return (start, start)
    s = lns[i].start + (len(lns[i].text) - len(lns[i].text.lstrip()))
    return (s, lns[j - 1].end)


def _split_points(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """Offsets where a new message starts, with whether it is a quoted one."""
    points: list[tuple[int, bool]] = []
    last_quote_line = -2
    for m in _QUOTE_MARKERS.finditer(text, start, end):
        line_no = text.count("\n", start, m.start())
        if text[m.start() : m.end()].lstrip().startswith(">"):
            # A run of ">" lines is one quoted block: split at its first line only.
            if line_no == last_quote_line + 1:
                last_quote_line = line_no
                continue
            last_quote_line = line_no
            if _letter_goes_on(text, m.start(), end):
                continue  # the letter quotes the request inline and then answers it
        points.append((m.start(), True))
    # A new salutation after a sign-off starts a new letter (interim then full response).
    signoffs = [m.start() for m in _SIGN_OFF.finditer(text, start, end)]
    for m in _SALUTATION.finditer(text, start, end):
        before = [s for s in signoffs if s < m.start()]
        if not before:
            continue
        prev = max(before)
        # Unless a quotation marker already starts a message between the two.
        if not any(prev < p <= m.start() for p, _ in points):
            points.append((_after_signature(text, prev, m.start()), False))
    return sorted(set(points))


def _letter_goes_on(text: str, quote_start: int, end: int) -> bool:
    """True when much unquoted text follows a ">" block: a quotation inside the letter, not
    the earlier messages an email reply carries at its foot."""
    unquoted = 0
    for ln in lines(text, quote_start, end):
        stripped = ln.text.strip()
        if stripped and not stripped.startswith(">"):
            if _QUOTE_MARKERS.match(text, ln.start) and not stripped.startswith(">"):
                break  # the next quoted message: what came before it was the quote
            unquoted += len(stripped)
            if unquoted > 300:
                return True
    return False


def _after_signature(text: str, signoff: int, salutation: int) -> int:
    """Where the next letter starts: after the signature block (name, role, force) that
    follows a sign-off, so the new letter's own head (date, reference) stays with it."""
    pos = text.find("\n", signoff, salutation)
    if pos < 0:
        return salutation
    seen = False
    for ln in lines(text, pos + 1, salutation):
        if ln.blank and seen:
            return ln.start
        if not ln.blank:
            seen = True
    return salutation


def _classify(text: str, span: Span) -> tuple[str, int]:
    chunk = text[span[0] : span[1]]
    response = len(_RESPONSE_CUES.findall(chunk))
    interim = len(_INTERIM_CUES.findall(chunk))
    request = len(_REQUEST_CUES.findall(chunk))
    strong = re.search(
        r"neither\s+confirm|information\s+(?:is\s+)?(?:not\s+)?held|\bresponse\s*:|q\d+[a-z]?\s+response"
        r"|responses?\s+\d|please\s+find\s+(?:below|attached)",
        chunk,
        re.IGNORECASE,
    )
    if interim and not strong:
        return "interim", response
    if response >= 1 and (strong or response >= request):
        return "response", response * 2 + len(chunk) // 2000
    if request:
        return "request", 0
    return "other", response


def segment(text: str) -> Segmentation:
    """Split ``text`` into messages and choose the responding letter's region."""
    if not text.strip():
        return Segmentation((0, 0), [])
    start, end = _strip_furniture(text, 0, len(text))
    if start >= end:
        return Segmentation((start, end), [])
    points = [(p, q) for p, q in _split_points(text, start, end) if start < p < end]
    if not points:
        # One message (most letters): nothing to choose between, so no classifying.
        return Segmentation((start, end), [Message((start, end), "response", False)])
    bounds = [(start, False), *points, (end, False)]
    messages: list[Message] = []
    for (s, quoted), (e, _) in zip(bounds, bounds[1:], strict=False):
        span = _strip_furniture(text, s, e)
        if span[1] - span[0] < 1:
            continue
        kind, score = _classify(text, span)
        messages.append(Message(span, kind, quoted, score))
    if not messages:
        return Segmentation((start, end), [])
    if len(messages) == 1:
        return Segmentation(messages[0].span, messages)
    responses = [m for m in messages if m.kind == "response"]
    if responses:
        # The fullest response wins; between equals, the one not quoted (the latest reply).
        best = max(responses, key=lambda m: (m.score, not m.quoted, -m.span[0]))
    else:
        unquoted = [m for m in messages if not m.quoted and m.kind != "interim"]
        best = unquoted[0] if unquoted else messages[0]
    return Segmentation(best.span, messages)


def find_region(text: str) -> Span:
    """``(start, end)`` of the responding letter in ``text``."""
    return segment(text).region
