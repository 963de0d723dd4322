"""The letter's title and the role of whoever signs it.

Title: the first heading-like line of the letter's head, before its first body paragraph: a
Markdown heading, an ALL-CAPS line of three or more words, or a short Title-Case line about the
subject ("Facial Recognition (13457_18)", "Facial Recognition Technology"). Section labels
("Request", "Response"), force names of a letterhead, addresses, dates and "Label: value"
lines in mixed case are not titles. None when the head has no such line.

Signatory role: a line that is only a role ("Information Rights", "Freedom of Information
Officer", "Disclosure Officer", ...) after the sign-off ("Yours sincerely"), else in the
letterhead. Only whole lines count, so "please write to the Freedom of Information Unit" in
prose is not a role.
"""

from __future__ import annotations

import re

from kg.extract.textutil import SIGN_OFF as _SIGN_OFF
from kg.extract.textutil import Span, lines, plain_line
from kg.model import LetterRecord

_ROLE = re.compile(
    r"^(?:(?:Senior|Assistant|Deputy|Lead|Principal|Head\s+of)\s+)?(?:"
    r"Information\s+Rights(?:\s+(?:Officer|Team|Unit|Manager|Adviser|Advisor|Assistant))?"
    r"|Freedom\s+of\s+Information\s+(?:Officer|Unit|Team|Adviser|Advisor|Manager|Decision\s+Maker"
    r"|Practitioner|Assistant|Co-?ordinator|Lead)"
    r"|FOI(?:A)?\s+(?:Officer|Team|Unit|Adviser|Advisor|Manager|Decision\s+Maker|Practitioner"
    r"|Assistant|Co-?ordinator|Lead)"
    r"|Disclosure\s+(?:Officer|Adviser|Advisor|Unit|Team|Manager|Assistant)"
    r"|Data\s+Protection\s+Officer"
    r"|Information\s+(?:Compliance|Management|Access|Governance|Disclosure|Security)\s+"
    r"(?:Officer|Unit|Team|Manager|Adviser|Advisor|Assistant|Lead)"
    r"|Information\s+(?:Manager|Officer)|Records\s+Manager|Legal\s+Services"
    r"|Joint\s+Information\s+Management\s+Unit|Public\s+Access\s+Office(?:r)?"
    r")\s*[.,]?$",
    re.IGNORECASE,
)
_SECTION_LABEL = re.compile(
    r"^(?:request|response|responses|answer|answers|reply|clarification|questions?|decision"
    r"|background|dear\b.*|attachments?|date\b.*|(?:our\s+|your\s+|foi\s+)?ref(?:erence)?\b.*"
    r"|subject\b.*)\W*$",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"facial|recognition|biometric|surveillance|freedom\s+of\s+information|\bFOI\b|request"
    r"|technology|camera|CCTV|disclosure|response",
    re.IGNORECASE,
)
_ADDRESSISH = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|@|https?://|www\.|\b(?:tel|telephone|email|e-mail|fax)\b"
    r"|\b(?:road|street|lane|avenue|po\s+box|headquarters)\b",
    re.IGNORECASE,
)
_BODY_START = re.compile(
    r"^[#*_\s]*(?:question\s*\d|q\d|\d{1,2}[.)]\s|thank\s+you|I\s+write|I\s+am\s+writing"
    r"|(?:your\s+|the\s+)?(?:request|response|questions?)[*_\s:]*$)",
    re.IGNORECASE,
)
_PROTECTIVE = re.compile(
    r"^(?:not\s+protectively\s+marked|official(?:\s*[-\u2013]\s*sensitive)?|unclassified"
    r"|restricted|protect)\W*$",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\b(?:Office|Unit|Team|Department|Dept|Headquarters|Bureau|Branch|Directorate|Section)\W*$",
    re.IGNORECASE,
)
_DATEISH = re.compile(
    r"^\W*(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}\W*$|^\W*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\W*$"
)


def find_title(text: str, region: Span) -> tuple[str, Span] | None:
    start, end = region
    first = True
    for ln in lines(text, start, min(end, start + 2500)):
        raw = ln.text.strip()
        if not raw:
            continue
        if _BODY_START.match(raw):
            return None  # the request or the letter's body has begun
        was_first, first = first, False
        plain = plain_line(raw)
        if len(raw) > 160 or (len(plain) > 90 and not raw.startswith("#")):
            return None  # the body has begun
        if _PROTECTIVE.match(plain):
            continue  # "OFFICIAL", "NOT PROTECTIVELY MARKED": a marking, not a title
        if (
            not plain
            or _SECTION_LABEL.match(plain)
            or _ADDRESSISH.search(plain)
            or _DATEISH.match(plain)
        ):
            continue
        if _UNIT.search(plain):
            continue  # a department of the letterhead, not the letter's title
        words = re.findall(r"[A-Za-z][\w'’-]*", plain)
        markdown = raw.startswith("#")
        caps = len(words) >= 3 and plain.upper() == plain and any(c.isalpha() for c in plain)
        label = re.match(r"^[\w\s]{1,30}:\s*\S", plain) is not None
        titlecase = (
            len(words) >= 2
            and sum(w[0].isupper() for w in words if len(w) > 3)
            >= max(1, len([w for w in words if len(w) > 3]) - 1)
            and _TOPIC.search(plain) is not None
            and not label
            and not plain.endswith((".", ",", ";"))
        )
        # A web page's first line is its heading, whatever its case ("Facial recognition
        # technology"), when it is short and about the subject.
        page_heading = (
            was_first
            and len(plain) <= 80
            and _TOPIC.search(plain) is not None
            and not plain.endswith((".", ",", ";", "?"))
        )
        if markdown or caps or titlecase or page_heading:
            s = ln.start + ln.text.find(raw[0])
            return plain, (s, s + len(raw))
    return None


# Any other role line: an information/disclosure/records word and a job word.
_ROLE_FALLBACK = re.compile(
    r"^(?=.*\b(?:information|FOI|FOIA|disclosure|data|records|compliance)\b)[A-Za-z&/ ,-]{3,70}"
    r"\b(?:officer|adviser|advisor|manager|unit|team|decision\s+maker|practitioner|co-?ordinator"
    r"|assistant|lead|department|office)\s*[.,]?$",
    re.IGNORECASE,
)
_NOT_A_ROLE = re.compile(r"\b(?:please|contact|write|email|you|your|our|the\s+\w+\s+is)\b", re.I)


def find_role(text: str, region: Span) -> tuple[str, Span] | None:
    start, end = region
    signoff = None
    for m in _SIGN_OFF.finditer(text, start, end):
        signoff = m.end()
    candidates = []
    if signoff is not None:
        candidates = lines(text, signoff, min(end, signoff + 600))
    head = lines(text, start, min(end, start + 800))
    for group in (candidates, head):
        for rx, ln in [(rx, ln) for rx in (_ROLE, _ROLE_FALLBACK) for ln in group]:
            plain = plain_line(ln.text)
            if (
                plain
                and rx.match(plain)
                and not (rx is _ROLE_FALLBACK and _NOT_A_ROLE.search(plain))
            ):
                s = ln.start + ln.text.find(plain[0])
                return plain.rstrip(".,"), (s, s + len(plain.rstrip(".,")))
    return None


def fill(text: str, rec: LetterRecord, region: Span) -> None:
    """Set ``rec.title`` and ``rec.signatory_role`` with their spans."""
    title = find_title(text, region)
    if title is not None:
        rec.title, rec.field_spans["title"] = title
    role = find_role(text, region)
    if role is not None:
        rec.signatory_role, rec.field_spans["signatory_role"] = role
