"""The letter's legal reasoning: exemptions relied on, NCND, harm, public interest, balance.

``fill(text, rec, region)`` sets ``rec.exemptions``, ``rec.ncnd``, ``rec.ncnd_covert``,
``rec.overt_only``, ``rec.harm``, ``rec.public_interest`` and ``rec.balance``.

General rules, not templates of any one force:

* A citation is "Section 24(2)", "s.40(2)", "S31", "Sections 24 and 31", "section 23(5), 24(2),
  30(3) and 31(3)" or a bare "43(2) Commercial interests" at the start of a line. Only Part II
  exemptions and the s.12 / s.14 refusals count (``data/reference/foia_sections.csv``);
  procedural sections (1, 10, 16, 17, 50...), sections of other Acts, citations inside quoted
  text or quoted statute, and the requester's questions are not exemptions relied on.
* Each section is reported once, in the most specific form written: a later "Sections 24 and
  31 are prejudice based" does not add "24" next to "24(2)". No subsection is ever invented.
* A cost refusal may be written in words only ("would exceed the appropriate limit",
  "18 hours", "£450"): that is a section 12 citation.
* An NCND statement is a sentence in which the force neither confirms nor denies; its scope is
  covert use (it says "covert", or it covers "any other/further information" beyond the
  answers), named questions, or the whole request. Exemptions cited in the statement, the rest
  of its paragraph, or the list of citations right after it ground that NCND.
* Harm, public-interest and balance text is found through the headings letters use for it,
  one fact per paragraph.

The rules live in ``kg.extract.legal_citations`` (sections cited, titles, cost refusals in
words), ``kg.extract.legal_ncnd`` (NCND statements, overt-only notes) and
``kg.extract.legal_reasoning`` (harm, public interest, balance); this module puts their
findings into the record.
"""

from __future__ import annotations

from kg.extract.legal_citations import (
    COST_SECTION,
    FOISA_ONLY_TITLES,
    _cost_refusal,
    _Mention,
    _mentions,
    _quoted_spans,
    _statute_spans,
    is_foisa,
    is_ncnd_subsection,
    statutory_title,
)
from kg.extract.legal_ncnd import (
    _COVERT,
    _answer_questions,
    _question_numbers,
    _Statement,
    as_written,
    find_ncnd,
    local_question,
    says_overt_only,
)
from kg.extract.legal_reasoning import (
    _fill_balance,
    _fill_harm,
    _fill_public_interest,
)
from kg.extract.textspans import (
    Para,
    clip,
    paragraphs,
    requester_spans,
    sentences,
)
from kg.model import (
    ExemptionCitation,
    LetterRecord,
    NCNDStatement,
    Span,
)

# ---------------------------------------------------------------- fill


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set the legal fields of ``rec`` from ``text[region[0]:region[1]]``."""
    start, end = clip(text, region)
    paras = paragraphs(text, (start, end))
    skip = requester_spans(rec) + _quoted_spans(text, start, end) + _statute_spans(text, paras)

    statements = find_ncnd(text, rec, (start, end))
    foisa = is_foisa(text, 0, len(text))  # the Act is often named above the region
    mentions = _mentions(text, start, end, skip, foisa=foisa)
    statements = _merge_partial(text, statements, mentions)
    _fill_exemptions(text, rec, (start, end), paras, mentions, statements, skip)
    if foisa:
        for cit in rec.exemptions:
            if cit.title is None and cit.base_section in FOISA_ONLY_TITLES:
                cit.title = FOISA_ONLY_TITLES[cit.base_section]
    _fill_ncnd(text, rec, mentions, statements)
    rec.ncnd_covert = any(
        s.scope == "covert-use" or _on_covert_questions(rec, s) for s in statements
    )
    rec.overt_only = says_overt_only(text, rec, (start, end))
    _fill_harm(text, rec, paras, mentions)
    _fill_public_interest(text, rec, paras)
    _fill_balance(text, rec, paras)


def _on_covert_questions(rec: LetterRecord, s: _Statement) -> bool:
    """An NCND on a question that asks about covert use ("Does the force use facial
    recognition covertly?") is an NCND on covert use."""
    if s.scope != "question" or not s.questions:
        return False
    asked = {q.number.strip().lower(): q.text for q in rec.questions if q.number}
    texts = [asked.get(n.strip().lower()) for n in s.questions]
    return all(t and _COVERT.search(t) for t in texts)


def _sentence_at(text: str, paras: list[Para], pos: int) -> str:
    for p in paras:
        if p.start <= pos < p.end:
            for s in sentences(text, (p.start, p.end)):
                if s[0] <= pos < s[1]:
                    return text[s[0] : s[1]]
    return ""


def _fill_exemptions(
    text: str,
    rec: LetterRecord,
    region: Span,
    paras: list[Para],
    mentions: list[_Mention],
    statements: list[_Statement],
    skip: list[Span],
) -> None:
    # Most specific forms per base: drop "31" when "31(3)" is written, "31(1)" when "31(1)(a)".
    forms = {m.section for m in mentions}
    keep = {f for f in forms if not any(g != f and g.startswith(f + "(") for g in forms)}
    by_section: dict[str, ExemptionCitation] = {}
    order: list[str] = []
    for m in mentions:
        target = m.section
        if target not in keep:
            specific = sorted(g for g in keep if g.startswith(m.section + "("))
            target = specific[0] if specific else m.section
        stmt = next((s for s in statements if s.cover[0] <= m.span[0] < s.cover[1]), None)
        cit = by_section.get(target)
        if cit is None:
            span_end = m.title_span[1] if m.title_span and target == m.section else m.span[1]
            cit = ExemptionCitation(span=(m.span[0], span_end), section=target)
            by_section[target] = cit
            order.append(target)
        if cit.title is None and m.title and target == m.section:
            cit.title = m.title
        if stmt is not None and not cit.ncnd:
            cit.ncnd, cit.scope, cit.questions = True, stmt.scope, list(stmt.questions)
        elif stmt is None and not cit.ncnd and not cit.questions:
            sent_q = _question_numbers(_sentence_at(text, paras, m.span[0]))
            qs = (
                sent_q
                or local_question(text, paras, m.span[0], skip)
                or _answer_questions(rec, m.span)
            )
            if qs:
                cit.questions = as_written(rec, qs)
    for sec in order:
        cit = by_section[sec]
        if not cit.ncnd and is_ncnd_subsection(sec):
            cit.ncnd = True
            near = min(statements, key=lambda s: abs(s.span[0] - cit.span[0]), default=None)
            if near is not None:
                cit.scope, cit.questions = near.scope, list(near.questions)
        if cit.title is None:
            cit.title = statutory_title(sec)
    rec.exemptions = [by_section[s] for s in order]
    if not any(c.base_section == COST_SECTION for c in rec.exemptions):
        cost = _cost_refusal(text, region[0], region[1], skip)
        if cost:
            rec.exemptions.append(
                ExemptionCitation(
                    span=cost,
                    section=COST_SECTION,
                    title=statutory_title(COST_SECTION),
                    questions=as_written(
                        rec,
                        local_question(text, paras, cost[0], skip)
                        or _answer_questions(rec, cost)
                        or [],
                    ),
                )
            )


def _merge_partial(
    text: str, statements: list[_Statement], mentions: list[_Mention]
) -> list[_Statement]:
    """A letter that announces itself as a "partial NCND" and then gives the NCND itself:
    the announcement is no NCND of its own, and the NCND it announces is partial."""
    if not any(s.partial for s in statements):
        return statements

    def grounded(s: _Statement) -> bool:
        return any(s.cover[0] <= m.span[0] < s.cover[1] for m in mentions)

    real = [s for s in statements if grounded(s) or not s.partial]
    if not real:
        return statements
    for s in real:
        s.partial = True
    return real


def _fill_ncnd(
    text: str, rec: LetterRecord, mentions: list[_Mention], statements: list[_Statement]
) -> None:
    cited = [c.section for c in rec.exemptions]
    rec.ncnd = []
    for s in statements:
        secs: list[str] = []
        for m in mentions:
            if s.cover[0] <= m.span[0] < s.cover[1]:
                sec = (
                    m.section
                    if m.section in cited
                    else next((c for c in cited if c.startswith(m.section + "(")), m.section)
                )
                if sec not in secs:
                    secs.append(sec)
        rec.ncnd.append(
            NCNDStatement(
                span=s.span,
                scope=s.scope,
                questions=list(s.questions),
                sections=secs,
                partial=s.partial,
                technology=s.technology,
                text=text[s.span[0] : s.span[1]],
            )
        )


__all__ = [
    "COST_SECTION",
    "as_written",
    "fill",
    "find_ncnd",
    "is_ncnd_subsection",
    "local_question",
    "says_overt_only",
    "statutory_title",
]
