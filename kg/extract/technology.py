"""Which facial-recognition technologies the force says it uses, trialled, plans or not.

``fill(text, rec, region)`` sets ``rec.technologies`` (one ``TechnologyUse`` per distinct
technology, status, scope and tense). Three sources, all in the force's own words:

1. Statements: a status cue ("does not use", "no current plans to introduce", "has trialled",
   "will be introducing", "uses ... through the Police National Database", "no record is held
   concerning the introduction of ...") with the technology named in the same clause, else the
   same sentence, else the sentence before in the paragraph ("... and we have no plans to do
   so"). "No information held" about a technology yields ``not-held`` only when the sentence
   says nothing stronger.
2. NCND statements: an NCND on covert use is status ``ncnd``, scope ``covert``, for the
   technology it names (generic facial recognition when it names none).
3. Questions and answers (from the structure pass): "Has X deployed live facial
   recognition?" answered "No information held" is ``not-held``; a question about plans gives
   tense ``planned``; "Yes" / "No" answers give in-use / not-in-use (planned / no-plans).

The requester's own text (their questions, quoted request) and the letter's harm, public
interest and balance paragraphs are never read as statements of use. When the request was
clarified as being about one kind ("my request is in relation to the use of Live Facial
Recognition Technology"), the force's generic "facial recognition" in its answers means that
kind. Scope is ``overt`` when the statement or the letter says overt use only.
"""

from __future__ import annotations

import re

from kg.extract.legal import find_ncnd, says_overt_only
from kg.extract.techterms import find_technologies, first_technology
from kg.extract.textspans import (
    SpanSet,
    clip,
    hypothetical,
    inside,
    letter_sentences,
    requester_spans,
)
from kg.model import LetterRecord, Question, Span, TechnologyUse

_NEG_LOOKAHEAD = r"(?!\s+(?:any\s+)?(?:information|records?|data|details|documents?|figures?))"
# What a force may lack without saying anything of use: a contract with or a supplier of the
# technology is procurement ("has no contract with any supplier of facial recognition" is said
# by forces that use PND facial search through the Home Office).
_PROCUREMENT = (
    r"(?:contracts?|suppliers?|vendors?|providers?|tenders?|agreements?|budgets?|funding|"
    r"expenditure|spend(?:ing)?|invoices?|procurement)"
)
_NOT_PROCUREMENT = (
    r"(?!\s+(?:any\s+|an?\s+|such\s+)?(?:current\s+|existing\s+|formal\s+)?" + _PROCUREMENT + r"\b)"
)
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "not-in-use",
        re.compile(
            r"\b(?:does|do|did|is|are|has|have)\s+not\s+(?:currently\s+|yet\s+|ever\s+|at\s+present\s+)?"
            r"(?:use[sd]?|using|utili[sz]e[sd]?|utili[sz]ing|deploy(?:ed)?|deploying|operate[sd]?|"
            r"operating|employ(?:ed)?|own|possess|purchased?|procured?|have"
            + _NEG_LOOKAHEAD
            + _NOT_PROCUREMENT
            + r")\b"
            r"|\b(?:doesn['’]t|don['’]t|isn['’]t|aren['’]t|hasn['’]t|haven['’]t)\s+(?:currently\s+)?"
            r"(?:use[sd]?|using|deploy\w*|have" + _NEG_LOOKAHEAD + _NOT_PROCUREMENT + r")\b"
            r"|\bnot\s+(?:currently\s+)?(?:in\s+use|using|used|deployed|utili[sz]ed|operating)\b"
            r"|\bno\s+longer\s+(?:uses?|using|deploys?|operates?)\b|\bnever\s+(?:used|deployed)\b"
            r"|\bno\b[^.;,]{0,60}?\b(?:was|were|has\s+been|have\s+been|is|are)\s+(?:purchased|"
            r"procured|bought|deployed|used|in\s+use)\b"
            r"|\b(?:has|have|possess(?:es)?)\s+no\b(?!\s+(?:\w+\s+)?(?:plans?|intentions?|proposals?|"
            r"information|records?|data|details|documents?|" + _PROCUREMENT + r"))",
            re.I,
        ),
    ),
    (
        "no-plans",
        re.compile(
            r"\bno\s+(?:current\s+|future\s+|immediate\s+|firm\s+|further\s+|such\s+|known\s+)?"
            r"(?:plans?|intentions?|proposals?)\b"
            r"|\bnot\s+(?:currently\s+)?(?:planning|intending|proposing)\b"
            r"|\b(?:does|do|is|are)\s+not\s+(?:currently\s+)?(?:plan|intend|propose)\b",
            re.I,
        ),
    ),
    (
        "not-held",
        re.compile(
            r"\bno\s+(?:\w+\s+)?(?:information|records?|data|documentation)\s+(?:is\s+|are\s+|was\s+)?"
            r"held\b|\bnot\s+held\b|\bholds?\s+no\s+(?:\w+\s+)?(?:information|records?|data)\b",
            re.I,
        ),
    ),
    (
        "trialled",
        re.compile(
            r"\b(?:has|have|had)\s+(?:previously\s+|recently\s+|also\s+)?(?:trial(?:l)?ed|piloted)\b"
            r"|\b(?:is|are)\s+(?:currently\s+)?(?:trial(?:l)?ing|piloting)\b"
            r"|\b(?:a|the)\s+(?:(?!planned|proposed|future|intended|possible|potential)\w+\s+){0,2}"
            r"(?:trial|pilot)\s+(?:of|was|has|is|took|ran|period)\b"
            r"(?!\s+(?:\w+\s+)?(?:planned|proposed|scheduled|due|intended|expected|approved|"
            r"agreed|authori[sz]ed|being\s+"
            r"(?:planned|considered)))"
            r"|\b(?:police|constabulary|service|force|we)\s+(?:also\s+|previously\s+|briefly\s+)?"
            r"(?:trial(?:l)?ed|piloted)\b"
            r"|\b(?:was|were)\s+(?:trial(?:l)?ed|piloted)\b"
            r"|\b(?:began|started|ran|conducted|completed|undertook|carried\s+out)\s+"
            r"(?:a|an|the|one|two|three|four|five|several|\d+)\s+"
            r"(?:\w+\s+){0,2}(?:trial|pilot)\b"
            # "carried out two pilot deployments", "held three trial deployments"
            r"|\b(?:conducted|completed|undertook|carried\s+out|held|made)\s+(?:\w+\s+){0,2}?"
            r"(?:trial|pilot)\s+(?:deployments?|operations?|runs?)\b",
            re.I,
        ),
    ),
    (
        "planned",
        re.compile(
            r"\b(?:plans?|planning|intends?|intending|proposes?|proposing|expects?|expecting|aims?)\s+"
            r"to\s+(?:introduce|deploy|use|trial|pilot|roll\s+out|implement|procure|purchase|adopt|"
            r"begin|start|launch)\b"
            r"|\bwill\s+(?:shortly\s+|soon\s+)?(?:be\s+)?(?:introduc\w+|deploy\w*|us(?:e|ing)|trial\w*|"
            r"pilot\w*|roll\w*\s+out|implement\w*|launch\w*|go\s+live)\b"
            r"|\bdue\s+to\s+(?:be\s+)?(?:introduc|launch|go\s+live|deploy|start)\w*"
            # "plans further LFR deployments", "is planning more trials"
            r"|\b(?:plans|is\s+planning|are\s+planning|intends)\s+(?:further|more|additional|new)\s+"
            r"(?:\w+\s+){0,3}?(?:deployments?|trials?|pilots?|operations?)\b"
            r"|\bin\s+the\s+process\s+of\s+(?:introduc|procur|implement|deploy)\w*"
            r"|\b(?:trial|pilot)\s+(?:\w+\s+)?(?:is|are|has\s+been)\s+(?:now\s+)?(?:planned|"
            r"proposed|scheduled|due|intended)\b",
            re.I,
        ),
    ),
    (
        "in-use",
        re.compile(
            r"\b(?:currently\s+)?(?:uses|utili[sz]es|deploys|operates|employs)\b"
            r"|\b(?:is|are)\s+(?:currently\s+)?(?:using|utili[sz]ing|deploying|operating)\b"
            r"|\b(?:has|have)\s+(?:been\s+)?(?:used|deployed|utili[sz]ed|using|deploying)\b"
            r"|\bmakes?\s+use\s+of\b|\b(?:has|have)\s+access\s+to\b"
            r"|\b(?:officers|staff|users|operators|investigators|we|force|police|constabulary|"
            r"service)\s+(?:and\s+\w+\s+)?can\s+(?:search|use|access|query|submit)\b"
            r"|\b(?:searches|checks|comparisons)\s+(?:are|were|is|was)\s+(?:\w+\s+)?(?:carried\s+out|"
            r"conducted|undertaken|performed|run|made)\b"
            r"|\b(?:we|force|police|constabulary|service|officers|staff)\s+(?:currently\s+|also\s+|routinely\s+)?use\b"
            r"|\b(?:is|are)\s+(?:currently\s+|also\s+|now\s+|routinely\s+|regularly\s+|only\s+)?"
            r"(?:used|deployed|in\s+use)\b"
            r"|\b(?:was|were)\s+(?:used|deployed)\b|\bdeployed\b(?!\s+by)"
            # "carries out retrospective facial recognition searches against ..."
            r"|\b(?:carries\s+out|conducts|runs|performs|undertakes|makes)\s+"
            r"(?:(?!no\b|not\b|zero\b)\w+\s+){0,4}?"
            r"(?:searches|checks|comparisons)\b"
            # "PND facial searching is available to trained staff"
            r"|\b(?:is|are)\s+(?:now\s+)?available\s+to\s+(?:all\s+|our\s+|the\s+)?(?:\w+\s+)?"
            r"(?:officers|staff|users|investigators|operators|forces)\b"
            r"|\b(?:we|it|force|police|constabulary|service|MPS)\s+(?:\w+\s+)?used\b(?!\s+(?:by|to))",
            re.I,
        ),
    ),
)
_STRONG = ("not-in-use", "no-plans", "trialled", "planned", "in-use")
_NEGATED = re.compile(r"\b(?:not|no|never|n['’]t|nor|neither)\b[^,.;]{0,25}$", re.I)
_CLAUSE = re.compile(
    r";|\s[–—-]\s|,\s*(?:and|but|however|whereas|although)\b|\s(?:and|but)\s+(?=(?:we|it|the|there|this|"
    r"[A-Z]\w+\s+(?:Police|Constabulary)|no\b))|\bhowever\b|\bwhereas\b",
)
_FUTURE = re.compile(r"\b(?:introduc\w*|future|plan\w*|intend\w*|next\s+\w+\s+years?)\b", re.I)
_OVERT = re.compile(r"\bovert(?:ly)?\b", re.I)
_COVERT = re.compile(r"\bcovert(?:ly)?\b", re.I)
_DEFINED = re.compile(
    r"\b(?:my|this|the|your)\s+(?:request|questions?|enquiry)\s+(?:is|are|relates?|was|were)\s+"
    r"(?:\w+\s+){0,3}?(?:in\s+relation\s+to|about|regarding|concerning|relat\w+\s+to|limited\s+to|"
    r"specifically\s+(?:about|for|to))\s+(?:the\s+)?(?:use\s+of\s+)?",
    re.I,
)
_QUESTION_LABEL = re.compile(
    r"^[\s*#>-]*(?:Q(?:uestion)?\s*\d+[a-z]?|\d+[a-z]?)[.:)]\s", re.I | re.M
)
_ANSWER_WORD = re.compile(r"\b(?:response|answer|reply)\b", re.I)
# Questions: about plans, or about use.
_PLAN_Q = re.compile(r"\b(?:plan\w*|intend\w*|introduc\w*|future|next\s+\w+\s+years?)\b", re.I)
_USE_Q = re.compile(
    r"\b(?:deploy\w*|us(?:e|ed|es|ing)|utili\w+|trial\w*|operat\w+|pay\w*|employ\w*|purchas\w*)\b",
    re.I,
)
_YES_NO_Q = re.compile(
    r"^\W*(?:(?:Q(?:uestion)?\s*)?\d+[a-z]?\W*)?(?:has|have|does|do|is|are|did|was|were|will|"
    r"can)\b|\bwhether\b|\bif\s+(?:your|the)\s+(?:force|constabulary|police|service)\b",
    re.I,
)
_YES = re.compile(r"^\W*yes\b", re.I)
_NO = re.compile(r"^\W*no\b(?!\s+(?:\w+\s+)?(?:information|records?|data))", re.I)


def defined_technology(text: str, region: Span) -> str | None:
    """The specific kind the request was clarified to be about, if it says so."""
    start, end = region
    for m in _DEFINED.finditer(text, start, end):
        tech = first_technology(text, m.end(), min(end, m.end() + 80))
        if tech and tech != "facial-recognition":
            return tech
    return None


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.technologies`` from the letter region."""
    start, end = clip(text, region)
    overt_only = rec.overt_only or says_overt_only(text, rec, (start, end))
    skip = requester_spans(rec) + [
        x.span for x in (*rec.harm, *rec.public_interest) if x.span is not None
    ]
    if rec.balance and rec.balance.span:
        skip.append(rec.balance.span)
    statements = find_ncnd(text, rec, (start, end))
    ncnd_spans = [s.span for s in statements]
    skip_set, ncnd_set = SpanSet(skip), SpanSet(ncnd_spans)  # tested once per sentence
    defined = defined_technology(text, (start, end))
    uses: list[TechnologyUse] = []

    prev_tech: list[str] | None = None
    prev_para = -1
    for para, sent in letter_sentences(text, (start, end)):
        body = text[sent[0] : sent[1]]
        if para.start != prev_para:
            prev_tech, prev_para = None, para.start
        if inside(sent, skip_set) or body.rstrip(" *_").endswith("?"):
            continue
        if (
            not rec.questions
            and _QUESTION_LABEL.match(text, para.start)
            and not _ANSWER_WORD.search(text, para.start, min(para.end, para.start + 40))
        ):
            continue  # a numbered question quoted before the structure pass found it
        techs = find_technologies(text, sent[0], sent[1])
        sent_tech = _pick(techs) if techs else prev_tech
        if inside(sent, ncnd_set):
            prev_tech = sent_tech
            continue
        if not sent_tech:
            continue  # no technology to speak of: no cue can make a statement of use
        found = _sentence_uses(text, sent, sent_tech, defined, overt_only)
        uses.extend(found)
        if techs:
            prev_tech = sent_tech

    stated = list(uses)
    for s in statements:
        if s.scope == "covert-use":
            tech = s.technology or "facial-recognition"
            uses.append(_use(text, s.span, tech, "ncnd", "covert", "current"))
        elif s.technology:
            uses.append(
                _use(text, s.span, s.technology, "ncnd", _scope(text, s.span, False), "current")
            )

    uses.extend(_qa_uses(text, rec, stated, overt_only, ncnd_spans))
    # "Has not purchased any facial recognition software and has no contracts with
    # suppliers" is about procurement, not use: such a force often uses PND facial search,
    # which the Home Office provides. (Without the suppliers, not buying any is non-use.)
    uses = [u for u in uses if not _bought_nothing(u)]
    rec.technologies = _dedupe(uses)


_USE_WORD = re.compile(r"\b(?:us(?:e|es|ed|ing)|utili[sz]\w+|deploy\w*|operat\w+)\b", re.I)
_SUPPLIERS = re.compile(r"\b(?:suppliers?|vendors?|contracts?|tenders?|compan(?:y|ies))\b", re.I)


def _bought_nothing(u: TechnologyUse) -> bool:
    """A generic not-in-use read from a sentence about buying from suppliers only."""
    if u.technology != "facial-recognition" or u.status != "not-in-use":
        return False
    body = u.text
    return bool(_BOUGHT.search(body) and _SUPPLIERS.search(body)) and not _USE_WORD.search(body)


def _pick(techs: list[tuple[str, Span]]) -> list[str]:
    """The specific kinds named (in order, once each), else generic facial recognition."""
    specific: list[str] = []
    for t, _ in techs:
        if t != "facial-recognition" and t not in specific:
            specific.append(t)
    return specific or [techs[0][0]]


def _sentence_uses(
    text: str, sent: Span, sent_tech: list[str] | None, defined: str | None, overt_only: bool
) -> list[TechnologyUse]:
    s, e = sent
    cues: list[tuple[str, int, int]] = []
    for status, pat in _CUES:
        for m in pat.finditer(text, s, e):
            if any(m.start() < ce and cs < m.end() for _, cs, ce in cues):
                continue
            if status in ("trialled", "planned", "in-use") and _NEGATED.search(
                text, max(s, m.start() - 30), m.start()
            ):
                continue
            cues.append((status, m.start(), m.end()))
    cues = [
        c for c in cues if not hypothetical(text, s, c[1]) and not _from_a_supplier(text, c, s, e)
    ]
    if not cues:
        return []
    clauses = _clauses(text, s, e)

    def clause_of(pos: int) -> Span:
        return next(((a, b) for a, b in clauses if a <= pos < b), (s, e))

    strong_clauses = {clause_of(c[1]) for c in cues if c[0] in _STRONG}
    cues = [c for c in cues if c[0] != "not-held" or clause_of(c[1]) not in strong_clauses]
    out: list[TechnologyUse] = []
    for status, cs, ce in cues:
        cue = text[cs:ce]
        cl = clause_of(cs)
        clause_techs = find_technologies(text, cl[0], cl[1])
        if clause_techs:
            techs = _pick(clause_techs)
        elif status == "not-held":
            continue  # "no information held" says nothing of use unless it names the kind
        else:
            techs = sent_tech or []
        techs = [defined if t == "facial-recognition" and defined else t for t in techs]
        tense = "current"
        if status in ("no-plans", "planned") or (
            status == "not-held" and _FUTURE.search(text, cl[0], cl[1])
        ):
            tense = "planned"
        elif (
            status == "trialled"
            and not re.search(
                r"\b(?:is|are)\s+(?:currently\s+)?(?:trial|pilot)", text[cl[0] : cl[1]], re.I
            )
            or status == "in-use"
            and not re.search(r"\bha(?:s|ve|d)\b", cue, re.I)
            and re.fullmatch(
                r"(?:was|were)\s+(?:used|deployed)|deployed|(?!(?:is|are)\b)\w+\s+(?:\w+\s+)?used",
                cue,
                re.I,
            )
        ):
            tense = "past"
        if (
            status == "not-in-use"
            and re.match(r"did\b", cue, re.I)
            and _ONE_YEAR.search(text, cl[0], cl[1])
        ):
            tense = "past"  # "did not use LFR in 2024": one past year, not the force's status
        scope = _scope(text, cl, overt_only)
        out.extend(_use(text, sent, tech, status, scope, tense) for tech in techs)
    return out


_ONE_YEAR = re.compile(
    r"\b(?:in|during|throughout)\s+(?:(?:the\s+)?(?:calendar\s+|financial\s+)?year\s+)?"
    r"(?:19|20)\d{2}\b|\blast\s+year\b",
    re.I,
)
_BOUGHT = re.compile(r"purchas|procur|bought|buy|licen[cs]", re.I)
_FROM_SUPPLIER = re.compile(
    r"\bfrom\s+(?:any|a|an|the)?\s*(?:\w+\s+)?(?:suppliers?|vendors?|compan(?:y|ies)|"
    r"providers?|third[\s-]+part(?:y|ies)|manufacturers?)\b",
    re.I,
)


def _from_a_supplier(text: str, cue: tuple[str, int, int], s: int, e: int) -> bool:
    """ "Has not purchased facial recognition software from any commercial supplier": a
    statement about procurement from suppliers (the force may use a system it was given), not
    one of non-use."""
    status, cs, ce = cue
    if status != "not-in-use" or not _BOUGHT.search(text, cs, ce):
        return False
    stop = next((m.start() for m in _CLAUSE.finditer(text, ce, e)), e)
    return _FROM_SUPPLIER.search(text, ce, stop) is not None


def _clauses(text: str, s: int, e: int) -> list[Span]:
    out: list[Span] = []
    a = s
    for m in _CLAUSE.finditer(text, s, e):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, e))
    return out


def _scope(text: str, span: Span, overt_only: bool) -> str:
    body = text[span[0] : span[1]]
    if _COVERT.search(body):
        return "covert"
    if _OVERT.search(body) or overt_only:
        return "overt"
    return "unspecified"


def _use(text: str, span: Span, tech: str, status: str, scope: str, tense: str) -> TechnologyUse:
    return TechnologyUse(
        span=span,
        technology=tech,
        status=status,
        scope=scope,
        tense=tense,
        text=text[span[0] : span[1]],
    )


def _norm_q(number: str) -> str:
    return re.sub(r"^(?:q(?:uestion)?\.?\s*)", "", number.strip().lower()).strip(" .)")


def _qa_uses(
    text: str,
    rec: LetterRecord,
    found: list[TechnologyUse],
    overt_only: bool,
    ncnd_spans: list[Span],
) -> list[TechnologyUse]:
    """Statuses read from a question about one technology and the force's short answer."""
    by_number: dict[str, Question] = {_norm_q(q.number): q for q in rec.questions if q.number}
    out: list[TechnologyUse] = []
    for a in rec.answers:
        if a.span is None:
            continue
        if any(u.span and u.span[0] < a.span[1] and a.span[0] < u.span[1] for u in found):
            continue  # the answer states the status itself
        # The answer proper ends where an NCND on something else begins.
        a_end = min([s for s, _ in ncnd_spans if a.span[0] < s < a.span[1]] + [a.span[1]])
        while a_end > a.span[0] and text[a_end - 1].isspace():
            a_end -= 1
        span = (a.span[0], a_end)
        body = text[span[0] : span[1]]
        if not body.strip():
            continue
        not_held = a.kind == "not-held" or bool(_CUES[2][1].search(body))
        ncnd = a.kind == "ncnd"
        yes, no = bool(_YES.match(body)), bool(_NO.match(body))
        if a.kind in ("not-applicable", "clarification-needed") or not (
            not_held or ncnd or yes or no
        ):
            continue
        for number in a.questions:
            q = by_number.get(_norm_q(number))
            if q is None or not q.text:
                continue
            tech = first_technology(q.text, 0, len(q.text))
            if tech is None or re.match(r"\W*if\s+(?:so|yes|not|no)\b", q.text, re.I):
                continue
            if not _YES_NO_Q.search(q.text):
                continue  # "please provide copies of ..." asks for documents, not about use
            plan = bool(_PLAN_Q.search(q.text))
            if not plan and not _USE_Q.search(q.text):
                continue
            tense = "planned" if plan else "current"
            if ncnd:
                status = "ncnd"
            elif not_held:
                status = "not-held"
            elif yes:
                status = "planned" if plan else "in-use"
            else:
                status = "no-plans" if plan else "not-in-use"
            out.append(_use(text, span, tech, status, _scope(text, span, overt_only), tense))
    return out


def _dedupe(uses: list[TechnologyUse]) -> list[TechnologyUse]:
    seen: set[tuple[str, str, str, str]] = set()
    out: list[TechnologyUse] = []
    for u in uses:
        key = (u.technology, u.status, u.scope, u.tense)
        if key not in seen:
            seen.add(key)
            out.append(u)
    return out
