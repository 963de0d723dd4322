"""The force's reference for the request, as written ("1022/2019", "FOI2017/01696", "208-2023").

Looked for in this order, first hit wins:

1. after a label: "FOI Reference:", "Our Ref:", "Ref No:", "Reference No:", "Request ID:",
   "Case number:", "FOI request number" ... (never "Your ref", the requester's own), also in
   a sentence ("Our reference is 1873/24.");
2. a reference in brackets in a heading: "Facial Recognition (13457_18)";
3. an FOI-prefixed number in prose: "FOI 000880/20", "FOI2017/01696", "FOI request 123/20".

A candidate must contain a digit and look like an identifier, not like a date, a phone number,
a postcode, a bare year or a statute section ("1(1)(a)").
"""

from __future__ import annotations

import re

from kg.extract.textutil import Span
from kg.model import LetterRecord

# Letter groups then digits, separators within: "IM-FOI-2021-1234", "FOI 000880/20",
# "RFI/2021/0932", "01/FOI/22/023456", "LP 004512/21", "HC/003456/23", "DC FOI 1034/22",
# "CR_2021/77", "CoLP/21/1466". The letter prefix is part of the reference; a mixed-case
# prefix needs a capital inside it ("CoLP"), so a word ("Request 12") is no prefix. Single
# inner spaces only: two spaces, a line break or a word in lower case ("2019-0987 regarding
# ...") end it.
_TOKEN = (
    r"(?P<ref>(?:(?-i:[A-Z]{1,6}|[A-Z][a-z]{0,3}[A-Z][A-Za-z]{0,3})(?: ?[-/_] ?| )?){0,3}"
    r"\d[\dA-Z]*(?:[ ]?[/_\-.][ ]?[\dA-Z]+)*)"
)
_LABELLED = re.compile(
    r"(?<![\w])(?<!Your\s)(?<!your\s)(?:"
    r"(?:FOI|FOIA|Freedom\s+of\s+Information)\s+(?:Request\s+)?(?:Ref(?:erence)?|No|Number|ID)\.?"
    r"|(?:Our\s+)?Ref(?:erence)?(?:\s*(?:No|Number|Num|#)\.?)?"
    r"|Request\s+(?:ID|Ref(?:erence)?|No|Number)\.?"
    r"|Case\s+(?:ID|Ref(?:erence)?|No|Number)\.?"
    r"|Disclosure(?:\s+log)?(?:\s+(?:ID|Ref(?:erence)?|No|Number))?\.?"
    # "| **Reference number** | 1187/23 |": a Markdown key|value row reads like "Label: value"
    r")[*_]*"
    # a reference given in a sentence: "Our reference is HUM-1873-24.", "The reference for
    # this request is 4471/22."
    r"(?:\s+(?:for|of)\s+(?:this|your)\s+(?:request|enquiry|application|case))?(?:\s+(?:is|was))?"
    r"\s*[:.#\-\u2013|]?\s*" + _TOKEN,
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\((?P<ref>[A-Z]{0,6}\s?\d{1,7}[/_\-]\d{1,7}(?:[/_\-]\d{1,7})?)\)")
_FOI_PROSE = re.compile(
    r"(?<![\w])(?P<ref>FOI(?:A|R)?\s?[-/]?\s?\d{1,7}(?:\s?[/_\-]\s?\d{1,7})+)"
    r"|(?:FOI|freedom\s+of\s+information)\s+request\s+(?:no\.?\s*|number\s+)?(?P<ref2>\d{1,7}[/_\-]\d{1,7})",
    re.IGNORECASE,
)

_DATE_LIKE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$|^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^(?:0\d{3,4}\s?\d{3}\s?\d{3,4}|0\d{9,10}|\+44.*)$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def _acceptable(ref: str) -> bool:
    if not re.search(r"\d", ref) or len(ref) < 3:
        return False
    core = ref.strip()
    if _DATE_LIKE.match(core) or _PHONE.match(core) or _POSTCODE.match(core) or _YEAR.match(core):
        return False
    # A section or subsection ("1(1)(a)") is statute, not a reference.
    return not re.match(r"^\d{1,2}\(", core)


def find(text: str, region: Span) -> tuple[str, Span] | None:
    """The reference and its span in ``text[region]``, or ``None``."""
    start, end = region
    for rx, group_names in ((_LABELLED, ("ref",)), (_BRACKETED, ("ref",))):
        for m in rx.finditer(text, start, end):
            for g in group_names:
                ref = m.group(g)
                if ref is None:
                    continue
                ref = ref.rstrip(".-/_ ")
                if _acceptable(ref):
                    s = m.start(g)
                    return ref, (s, s + len(ref))
    for m in _FOI_PROSE.finditer(text, start, end):
        g = "ref" if m.group("ref") else "ref2"
        ref = m.group(g).rstrip(".-/_ ")
        if _acceptable(ref):
            s = m.start(g)
            return ref, (s, s + len(ref))
    return None


def fill(text: str, rec: LetterRecord, region: Span) -> None:
    """Set ``rec.reference`` and its span."""
    hit = find(text, region)
    if hit is not None:
        rec.reference, rec.field_spans["reference"] = hit
