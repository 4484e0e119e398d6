"""Feeds into report records: Telegram exports, RSS/Atom files, and HTML pages' main text.

Each function takes a file's decoded content and gives a list of records with the keys
:func:`geoevents.read_articles` fills (text, title, published, source, url,
article_id); the reader adds the language and any missing identifiers. XML is parsed
with defusedxml, so entity expansion ("billion laughs") and external entities are
refused rather than followed. Links are kept only when they are http(s): a Telegram
post's link is made so; an item's other link is left to the reader, which empties it
with a warning that names it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import warnings
from html.parser import HTMLParser

from ._errors import GeoEventsWarning, InvalidInputError
from ._validate import safe_url

__all__ = ["html_to_text", "is_telegram_export", "read_feed", "read_telegram"]

# Telegram Desktop's chat types that carry posts worth reading; a chat without a type
# (an older or a hand-made export) is read as one of them, since its posts are all it has
_TELEGRAM_CHATS = frozenset(
    ("public_channel", "private_channel", "public_supergroup", "private_supergroup",
     "private_group", "personal_chat")
)  # fmt: skip
# "saved_messages" and bots are a user's own notes and commands, not reports: left out,
# as documented; a chat of any other type is left out with a warning that names it
_TELEGRAM_OWN_CHATS = frozenset(("saved_messages", "bot_chat"))
_TITLE_CHARS = 120


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= _TITLE_CHARS else line[: _TITLE_CHARS - 1] + "…"
    return None


# ------------------------------------------------------------------ Telegram


def is_telegram_export(data) -> bool:
    """Whether parsed JSON is a Telegram Desktop export: one chat or a whole account."""
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("messages"), list) and "type" in data:
        return True
    chats = data.get("chats")
    return isinstance(chats, dict) and isinstance(chats.get("list"), list)


def _message_text(value) -> str:
    """A message's text: Telegram gives a string, or a list of strings and styled parts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, (str, dict))
        )
    return ""


def _telegram_date(message: dict) -> str | None:
    stamp = message.get("date_unixtime")
    try:
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    date = message.get("date")
    return date if isinstance(date, str) and date else None


def read_telegram(data, where: str) -> list[dict]:
    """Records from a Telegram Desktop export: one per message with text.

    Service messages (joins, pins) and messages without text (a photo without a
    caption) are left out, as are a user's own chats ("saved_messages", bots); a chat
    without a ``type`` is read as a channel is, and a chat of another type is left out
    with a :class:`GeoEventsWarning` that names it. ``published`` is the message's
    time in UTC; ``url`` the post's link (``https://t.me/<username>/<id>`` when the
    export names the channel's username, else ``https://t.me/c/<chat id>/<id>``, which
    opens for its members); ``source`` the chat's name; ``article_id``
    ``tg-<chat id>-<message id>`` (none for a message without an id: the reader gives
    it one from the file and its text, so that such messages are not taken for one
    another); ``_where`` names the message in messages about it
    (e.g. a lone surrogate).

    Examples
    --------
    >>> export = {"name": "Front news", "type": "public_channel", "id": 77, "messages": [
    ...     {"id": 5, "type": "message", "date_unixtime": "1651561200",
    ...      "text": ["Drones hit ", {"type": "bold", "text": "Odesa"}, " at night."]},
    ...     {"id": 6, "type": "service", "action": "pin_message"}]}
    >>> [(r["article_id"], r["text"], r["published"], r["url"])
    ...  for r in read_telegram(export, "result.json")]
    [('tg-77-5', 'Drones hit Odesa at night.', '2022-05-03T07:00:00+00:00', 'https://t.me/c/77/5')]
    """
    chats = [data] if isinstance(data.get("messages"), list) else data["chats"]["list"]
    out: list[dict] = []
    skipped: list[str] = []
    for c, chat in enumerate(chats):
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            raise InvalidInputError(f"{where}: chat {c} of the Telegram export has no messages")
        kind = chat.get("type")  # None (no type) is read as a channel
        if kind is not None and not (isinstance(kind, str) and kind in _TELEGRAM_CHATS):
            if not (isinstance(kind, str) and kind in _TELEGRAM_OWN_CHATS):
                skipped.append(f"chat {c} (type {str(kind)[:40]!r})")
            continue
        chat_id = str(chat.get("id", c))
        name = chat.get("name") if isinstance(chat.get("name"), str) else None
        username = chat.get("username") if isinstance(chat.get("username"), str) else None
        for message in chat["messages"]:
            if not isinstance(message, dict) or message.get("type") != "message":
                continue
            text = _message_text(message.get("text")).strip()
            if not text:
                continue
            msg_id = message.get("id")
            if isinstance(msg_id, bool) or not isinstance(msg_id, (int, str)) or msg_id == "":
                msg_id = None  # no id: no link, and an id of its own from the file and text
            base = f"https://t.me/{username}" if username else f"https://t.me/c/{chat_id}"
            out.append({
                "text": text,
                "title": _first_line(text),
                "published": _telegram_date(message),
                "source": name,
                "url": safe_url(f"{base}/{msg_id}") if msg_id is not None else None,
                "article_id": f"tg-{chat_id}-{msg_id}" if msg_id is not None else None,
                # for messages about this post
                "_where": f"{where}, message {msg_id if msg_id is not None else '(no id)'}",
            })  # fmt: skip
    if skipped:
        warnings.warn(f"{where}: left out {len(skipped)} Telegram chat"
                      f"{'' if len(skipped) == 1 else 's'} of a type that holds no posts to "
                      f"read: {', '.join(skipped[:5])}"
                      + (f" and {len(skipped) - 5:,} more" if len(skipped) > 5 else ""),
                      GeoEventsWarning, stacklevel=4)  # fmt: skip
    return out


# ------------------------------------------------------------------ HTML pages


class _MainText(HTMLParser):
    """Collects an HTML page's readable text: paragraphs and headings, not scripts,
    styles, navigation, headers, footers, asides or forms; <article>/<main> first."""

    SKIP = frozenset(("script", "style", "nav", "header", "footer", "aside", "form", "noscript",
                      "svg", "button", "select", "template", "iframe", "figure"))  # fmt: skip
    BLOCK = frozenset(("p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "br", "tr",
                       "section", "article", "main", "td", "pre"))  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_main = 0
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.title = ""
        self._in_title = False
        self.h1 = ""
        self._in_h1 = False
        self.published = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("article", "main"):
            self.in_main += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag == "meta" and not self.published:
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "pubdate", "date",
                       "og:published_time", "dc.date", "publish-date"):  # fmt: skip
                self.published = a.get("content") or ""
        if tag == "time" and not self.published and a.get("datetime"):
            self.published = a["datetime"]
        if tag in self.BLOCK:
            self._newline()

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in ("article", "main") and self.in_main:
            self.in_main -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCK:
            self._newline()

    def _newline(self):
        for parts in (self.parts, self.main_parts):
            if parts and parts[-1] != "\n":
                parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_h1:
            self.h1 += data
        if self.skip or self._in_title:
            return
        self.parts.append(data)
        if self.in_main:
            self.main_parts.append(data)

    def text(self) -> str:
        chosen = self.main_parts if "".join(self.main_parts).strip() else self.parts
        lines = ("".join(chosen)).split("\n")
        return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def html_to_text(markup: str) -> tuple[str, str, str]:
    """(main text, title, published) of an HTML page.

    Examples
    --------
    >>> html_to_text("<html><title>T</title><nav>Menu</nav><article><p>Shelling hit "
    ...              "Kharkiv.</p><script>x()</script></article></html>")
    ('Shelling hit Kharkiv.', 'T', '')
    """
    parser = _MainText()
    parser.feed(markup)
    parser.close()
    title = " ".join((parser.h1 or parser.title).split())
    return parser.text(), html.unescape(title), parser.published


# ------------------------------------------------------------------ RSS/Atom

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _rss_date(value: str | None) -> str | None:
    """RSS dates are RFC 822 ("Tue, 03 May 2022 07:00:00 GMT"): read into ISO 8601."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return parsed.isoformat() if parsed is not None else value


def _text(node, tag: str) -> str | None:
    found = node.find(tag)
    if found is None:
        return None
    value = "".join(found.itertext()).strip()
    return value or None


def _body(markup: str | None) -> str:
    """Feed bodies are often HTML (escaped or in CDATA): read as an HTML page's text."""
    if not markup:
        return ""
    if "<" not in markup:
        return " ".join(markup.split())
    return html_to_text(markup)[0]


def _join(title: str | None, body: str) -> str:
    """The report's text: the title first (it often names the place), then the body."""
    if not title:
        return body
    if body.startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


def _atom_link(entry) -> str | None:
    """The entry's http(s) link, its alternate one first; else the alternate link as
    written (which read_articles leaves empty, with a warning), else None."""
    links = entry.findall(f"{_ATOM}link")
    alternates = [x.get("href") for x in links if x.get("rel", "alternate") == "alternate"]
    hrefs = [*alternates, *(x.get("href") for x in links)]
    return next((safe_url(h) for h in hrefs if safe_url(h)), next(iter(alternates), None))


def read_feed(content: bytes | str, where: str) -> list[dict]:
    """Records from an RSS 2.0, RSS 1.0 (RDF) or Atom file: one per item or entry.

    Give the file's bytes, so that the encoding its XML declaration names is honoured.

    ``text`` is the title and the item's body (``content:encoded``, ``description``;
    Atom ``content`` or ``summary``; HTML read as text); ``published`` the item's date
    in ISO 8601; ``source`` the feed's title; ``url`` the item's link (as written when it
    is no http(s) link: :func:`geoevents.read_articles` leaves it empty, with a warning);
    ``article_id`` its guid or id when it has one; ``_where`` names the item as "``where``,
    record n", n its place among the feed's items (an item without text is left out, and
    counted), so that a refusal of its date names it.

    Examples
    --------
    >>> rss = ('<rss version="2.0"><channel><title>Wire</title><item>'
    ...        '<title>Strikes on Odesa</title><link>https://example.org/a</link>'
    ...        '<description>&lt;p&gt;Drones hit the port.&lt;/p&gt;</description>'
    ...        '<pubDate>Tue, 03 May 2022 07:00:00 GMT</pubDate></item></channel></rss>')
    >>> [(r["text"], r["published"], r["source"]) for r in read_feed(rss, "feed.xml")]
    [('Strikes on Odesa\\n\\nDrones hit the port.', '2022-05-03T07:00:00+00:00', 'Wire')]
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(content)
    except ParseError as exc:
        raise InvalidInputError(f"{where}: not well-formed XML ({exc})") from None
    except DefusedXmlException as exc:
        raise InvalidInputError(f"{where}: refused: the XML declares entities ({exc})") from None
    out: list[dict] = []
    if root.tag == f"{_ATOM}feed":
        source = _text(root, f"{_ATOM}title")
        for n, entry in enumerate(root.iter(f"{_ATOM}entry"), start=1):
            title = _text(entry, f"{_ATOM}title")
            body = _body(_text(entry, f"{_ATOM}content") or _text(entry, f"{_ATOM}summary"))
            out.append({
                "text": _join(title, body),
                "title": title,
                "published": _text(entry, f"{_ATOM}published") or _text(entry, f"{_ATOM}updated"),
                "source": source,
                "url": _atom_link(entry),
                "article_id": _text(entry, f"{_ATOM}id"),
                "_where": f"{where}, record {n}",  # the entry's place in the feed
            })  # fmt: skip
    elif root.tag == "rss" or root.tag.endswith("RDF"):
        rss1 = root.tag.endswith("RDF")
        ns = _RSS1 if rss1 else ""
        channel = root.find(f"{ns}channel")
        source = _text(channel, f"{ns}title") if channel is not None else None
        for n, item in enumerate(root.iter(f"{ns}item"), start=1):
            title = _text(item, f"{ns}title")
            body = _body(_text(item, _CONTENT) or _text(item, f"{ns}description"))
            out.append({
                "text": _join(title, body),
                "title": title,
                "published": _rss_date(_text(item, "pubDate")) or _text(item, _DC_DATE),
                "source": source,
                "url": _text(item, f"{ns}link"),
                "article_id": _text(item, "guid"),
                "_where": f"{where}, record {n}",  # the item's place in the feed
            })  # fmt: skip
    else:
        raise InvalidInputError(
            f"{where}: XML but not an RSS or Atom feed (its root element is <{root.tag}>)"
        )
    return [r for r in out if r["text"].strip()]
