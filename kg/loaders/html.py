"""Saved web pages (.html/.htm): the letter without the site around it.

Forces publish responses in disclosure logs, so a saved page carries cookie banners, menus,
breadcrumbs, "Was this page useful?" widgets and scripts. Those are dropped by element type,
by id/class/role/aria-label, and by a few stock phrases; if the page has a ``<main>`` or a
single ``<article>`` only that is read. Blocks become lines, table rows become one line with
cells joined by " | ", and ordered-list items get their number back ("1. ").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from kg.loaders.base import Document, LoadError, make_document
from kg.loaders.decode import decode_text

_SNIFF = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.I | re.S,
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)

# Never letter text. header/footer only when outside the article (an article's own header holds
# its title and date).
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "nav", "aside", "button", "iframe",
    "head", "select", "textarea", "input", "option", "canvas", "object", "embed", "dialog",
    "link", "meta", "map", "audio", "video",
)  # fmt: skip
_FURNITURE = re.compile(
    r"(?:^|[-_ ])(?:cookies?|consent|gdpr|feedback|breadcrumbs?|skip(?:link|-?to|-?nav)?|"
    r"menu|megamenu|navbar|navigation|nav|share|sharing|social|search|sitesearch|banner|"
    r"newsletter|sidebar|survey|helpful|useful|rating|back-?to-?top|print|quick-?exit|"
    r"exit-?(?:this-?page|site)|leave-?site|toolbar|modal|popup|overlay|site-?header|"
    r"site-?footer|masthead|translate|language-?select)(?:$|[-_ ])",
    re.I,
)
_FURNITURE_ROLES = {
    "navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog",
    "menu", "menubar", "toolbar",
}  # fmt: skip
_FURNITURE_TEXT = re.compile(
    r"(?:was this page (?:useful|helpful)|is this page (?:useful|helpful)|"
    r"did you find (?:this|what you were looking for)|report a problem with this page|"
    r"skip to (?:main )?content|skip navigation|back to top|leave (?:this )?site|"
    r"quickly exit|exit this (?:page|site)|share this page|print this page|"
    r"we use (?:some )?(?:essential |necessary )?cookies|cookie (?:settings|preferences)|"
    r"accept (?:all )?cookies|reject (?:all )?(?:additional )?cookies)",
    re.I,
)
_KEEP = {"html", "body", "main", "article", "[document]"}
_BREAK2 = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre",
    "section", "article", "main", "address", "figure", "hr", "details", "fieldset",
}  # fmt: skip
_BREAK1 = {
    "div", "li", "tr", "br", "dt", "dd", "figcaption", "summary", "caption", "center",
    "thead", "tbody", "tfoot", "header", "footer", "legend", "form", "body", "label",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f]+")
_HAS_NUMBER = re.compile(r"^\s*(?:\(?\d+[a-z]?[.):]|\(?[a-z][.)]\s|q\d)", re.I)


def _attr_text(tag: Tag) -> str:
    parts = []
    for name in ("id", "class", "aria-label", "data-module", "data-component"):
        value = tag.get(name)
        if isinstance(value, list):
            parts.extend(value)
        elif value:
            parts.append(str(value))
    return " ".join(parts)


def _is_hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _tags(soup: BeautifulSoup | Tag) -> Iterator[Tag]:
    return (t for t in soup.find_all(True) if isinstance(t, Tag))


def _remove_furniture(soup: BeautifulSoup) -> None:
    for tag in list(soup.find_all(_DROP_TAGS)):
        tag.decompose()
    for tag in list(soup.find_all(["header", "footer"])):
        if tag.parent is not None and tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    body = soup.body or soup
    body_len = len(body.get_text()) or 1
    for tag in list(_tags(soup)):
        if tag.parent is None or tag.name in ("html", "body", "main", "article"):
            continue  # already removed with an ancestor, or the page itself
        role = str(tag.get("role") or "").lower()
        if role == "main":
            continue
        attrs = _attr_text(tag)
        furniture = (
            role in _FURNITURE_ROLES
            or _is_hidden(tag)
            or bool(attrs and _FURNITURE.search(attrs))
            or (tag.name == "form" and len(tag.get_text()) < 1000)
        )
        if not furniture:
            continue
        # Guard against wrappers named like furniture ("page-with-sidebar") holding the letter.
        text_len = len(tag.get_text())
        holds_letter = tag.find(["main", "article", "h1"]) is not None or tag.find(
            attrs={"role": "main"}
        )
        if holds_letter or (text_len > 2000 and text_len > body_len / 2):
            continue
        tag.decompose()
    # Unlabelled widgets: a block whose text is a stock phrase, widened to its parent while the
    # parent adds only a few words ("Was this page useful?" + "Yes" "No").
    for string in list(soup.find_all(string=_FURNITURE_TEXT)):
        node = getattr(string, "parent", None)  # None once an ancestor was decomposed
        if not isinstance(node, Tag) or node.name in _KEEP:
            continue
        text = _SPACE.sub(" ", node.get_text()).strip()
        if len(text) >= 300 or not _FURNITURE_TEXT.match(text):
            continue
        target = node
        while isinstance(target.parent, Tag) and target.parent.name not in _KEEP:
            wider = _SPACE.sub(" ", target.parent.get_text()).strip()
            if len(wider) - len(text) > 40:
                break
            target, text = target.parent, wider
        target.decompose()


def _root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    body = soup.body or soup
    body_len = len(body.get_text(" ", strip=True))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    articles = soup.find_all("article")
    for candidate in (main, articles[0] if len(articles) == 1 else None):
        # A near-empty <main> (content placed elsewhere by the theme) is no better than the body.
        if isinstance(candidate, Tag):
            text_len = len(candidate.get_text(" ", strip=True))
            if text_len >= 200 or text_len >= body_len / 2:
                return candidate
    return body


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # hostile "start" values must not build megabyte numerals
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _marker(kind: str, n: int) -> str:
    if kind in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if kind == "A" else letter
    if kind in ("i", "I") and n >= 1:
        return _roman(n).upper() if kind == "I" else _roman(n)
    return str(n)


def _list_numbers(root: Tag | BeautifulSoup) -> dict[int, str]:
    """Prefix for each item of an ordered list, honouring start, value, type and reversed."""
    prefixes: dict[int, str] = {}
    for ol in root.find_all("ol"):
        items = [li for li in ol.find_all("li", recursive=False) if isinstance(li, Tag)]
        step = -1 if ol.has_attr("reversed") else 1
        try:
            n = int(str(ol.get("start") or (len(items) if step < 0 else 1)))
        except ValueError:
            n = 1
        kind = str(ol.get("type") or "1")
        for li in items:
            value = str(li.get("value") or "").strip()
            if value.lstrip("-").isdigit():
                n = int(value)
            prefixes[id(li)] = f"{_marker(kind, n)}. "
            n += step
    return prefixes


class _Prefix:
    """An ordered-list number waiting for the item's first text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _cell_text(cell: Tag, prefixes: dict[int, str]) -> str:
    return _SPACE.sub(" ", _render(cell, prefixes)).strip()


def _render(root: Tag | BeautifulSoup, prefixes: dict[int, str]) -> str:
    """Text of ``root`` with block structure as line breaks (iterative: deep pages are fine)."""
    out: list[str | int | _Prefix] = []  # ints are line breaks: 1 = new line, 2 = blank line
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, Tag):
            name = node.name
            brk = 2 if name in _BREAK2 else 1 if name in _BREAK1 else 0
            if closing:
                if brk:
                    out.append(brk)
                continue
            if brk:
                out.append(brk)
            if name == "br":
                continue
            if name == "tr":
                cells = [c for c in node.find_all(["td", "th"], recursive=False)]
                texts = [_cell_text(c, prefixes) for c in cells]
                if any(texts):
                    out.append(" | ".join(texts))
                out.append(1)
                continue
            if name == "pre":
                out.append(node.get_text())
                out.append(2)
                continue
            if name == "img":
                continue
            if name == "li" and id(node) in prefixes:
                first = node.get_text(" ", strip=True)
                if first and not _HAS_NUMBER.match(first):
                    # Attached to the item's first text, even when that sits in a <p>.
                    out.append(_Prefix(prefixes[id(node)]))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            out.append(_SPACE.sub(" ", str(node)))
    # Merge runs of breaks (keep the largest) and trim spaces at line edges.
    text_parts: list[str] = []
    pending = 0
    prefix = ""
    for part in out:
        if isinstance(part, int):
            pending = max(pending, part)
            continue
        if isinstance(part, _Prefix):
            prefix = part.text
            continue
        if (pending or not text_parts or prefix) and not part.strip(" "):
            continue  # source indentation between blocks is not a line of its own
        if pending:
            text_parts.append("\n" * pending)
            pending = 0
        if prefix:
            text_parts.append(prefix)
            prefix = ""
            part = part.lstrip(" ")
        text_parts.append(part)
    text = "".join(text_parts)
    return "\n".join(line.strip(" ") for line in text.split("\n"))


def html_to_text(markup: str) -> str:
    """The letter text of a saved web page (or an HTML fragment)."""
    soup = BeautifulSoup(markup, "lxml")
    _remove_furniture(soup)
    root = _root(soup)
    return _render(root, _list_numbers(root))


def _decode(path: str, data: bytes) -> tuple[str, str, list[str]]:
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8", []
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            text = data.decode(name, errors="replace")
            return text, name, [f"decoded as {name} (declared by the page; not valid UTF-8)"]
        except LookupError:
            pass
    return decode_text(path, data)


class HtmlLoader:
    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> bool:
        head = head[:4096]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # pages saved as "Unicode" (UTF-16)
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        return bool(_SNIFF.match(head))

    def load(self, path: str, data: bytes) -> Document:
        text, encoding, warnings = _decode(path, data)
        if "\x00" in text:
            raise LoadError(path, "binary file, not a letter (no text format recognised)")
        try:
            body = html_to_text(text)
        except RecursionError:
            raise LoadError(path, "HTML is nested too deeply to read") from None
        return make_document(path, data, self.name, body, encoding, warnings)
