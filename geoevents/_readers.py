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
import io
import os
import stat
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ._countries import countries
from ._decoding import FIX_BYTES, checked_errors, clean_text, decode, load_json
from ._errors import GeoEventsWarning, InvalidInputError
from ._feeds import html_to_text, is_telegram_export, read_feed, read_telegram
from ._frames import is_missing
from ._geoparse.language import LANGUAGES, detect_language
from ._validate import (
    checked_flag,
    checked_path,
    code_cell,
    count_cell,
    date_cell,
    kept_url,
    not_a_path,
    path_text,
    point_cell,
    warn_dropped_urls,
    whole_cell,
)

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


def shown_path(path) -> str:
    """A path as text any output can hold: in a name that is not UTF-8 (on Linux
    b"caf\\xe9.txt", which Python keeps as a lone surrogate), each byte that is not is
    shown as a \\xNN escape; the ``Path`` itself still opens the file.

    >>> print(shown_path(os.fsdecode(b"caf\\xe9.txt")) if os.name == "posix" else "caf\\\\xe9.txt")
    caf\\xe9.txt
    """
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # pragma: no cover - a name the platform cannot encode
        return str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _decode(path: Path, raw: bytes, errors: str = "strict", fix: str = FIX_BYTES) -> str:
    """A file's bytes as text (UTF-8): bad bytes refused, or read as U+FFFD with a warning."""
    return decode(raw, str(path), errors, fix=fix)


# ----------------------------------------------------------------------- CSV

# the csv module refuses a cell of more than 131,072 characters by default; a cell can be
# no longer than its file, which is in memory already, so that bound guards nothing here
# and only refuses long reports. The bound is process-wide: raised to the file's length,
# never lowered.


def _allow_cells_of(length: int) -> None:
    if csv.field_size_limit() <= length:
        csv.field_size_limit(length + 1)


def _csv_rows(content: str, path: Path, missing=None, *, whole: bool = False):
    """The header and the rows, as (line the row starts on, cells as many as the header),
    of a CSV's text.

    Any line end (LF, CRLF, a bare CR) and cells of any length are read. A row with more
    fields than the header (a text with unquoted commas) is refused, naming the line,
    unless the extra fields are empty; the fields a short row lacks are ``missing``, or,
    with ``whole`` (a dataset, whose every row has every field), the row is refused as
    cut short unless it is blank.
    """
    _allow_cells_of(len(content))
    reader = csv.reader(io.StringIO(content, newline=""))
    rows: list[tuple] = []
    try:
        header = next(reader, [])
        _refuse_repeated_columns(header, path)
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise InvalidInputError(
                    f"{path}, line {start}: {len(cells)} fields where the header has "
                    f"{len(header)}, so a text with commas was not quoted and would be cut; "
                    'put the field in double quotes ("…") or remove the row'
                )
            if whole and len(cells) < len(header) and any(c.strip() for c in cells):
                raise InvalidInputError(f"{path}, line {start}: {len(cells)} fields where the "
                                        f"header has {len(header)}, so the row was cut short; "
                                        f"restore the row or remove it")  # fmt: skip
            if cells and not (whole and len(cells) < len(header)):  # not a blank line
                cells = cells[: len(header)] + [missing] * (len(header) - len(cells))
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInputError(f"{path}, line {reader.line_num}: not a readable CSV "
                                f"({exc})") from None  # fmt: skip
    return header, rows


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file, read as :func:`read_articles` reads them (cells of
    any length, any line end); [] when the file has no header that the csv module can
    read, or when it cannot be opened (reading the file itself then says what is wrong)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            _allow_cells_of(os.fstat(f.fileno()).st_size)
            return next(csv.reader(f), [])
    except (OSError, csv.Error):
        return []


def _refuse_repeated_columns(header: list[str], path: Path) -> None:
    """A header that names a column twice ("text,title,text") is refused: a row is read
    by column name, so one of the two would be dropped without a word. Unnamed (blank)
    columns, such as a trailing comma makes, are not read and may repeat."""
    seen: set[str] = set()
    for name in header:
        if name.strip() and name in seen:
            raise InvalidInputError(f"{path}: the header names the column {name!r} twice, so "
                                    "one of them would be dropped; rename or remove one of "
                                    "them")  # fmt: skip
        seen.add(name)


# ----------------------------------------------------------------- articles


def _given(value) -> bool:
    """Whether a record's field holds a value: not None, "" or NaN (JSON's NaN is null)."""
    return not (is_missing(value) or (isinstance(value, str) and value == ""))


def _pick(record: dict, field: str):
    for name in _FIELD_ALIASES[field]:
        if name in record and _given(record[name]):
            return record[name]
    return None


def _text_field(record: dict, where: str) -> tuple[str, list[str]]:
    """The record's text: that of the first text field (``_TEXT_FIELDS``' order) that
    holds any, so that a row whose ``text`` cell is empty is read from its ``body``; and
    the other fields that hold a text of their own, which is not read (a warning names
    them)."""
    present = [f for f in _TEXT_FIELDS if f in record]
    if not present:
        raise InvalidInputError(
            f"{where}: no text field (looked for {', '.join(_TEXT_FIELDS)}; "
            f"fields are {', '.join(map(str, record)) or 'none'})"
        )
    chosen = None
    for name in present:
        value = record[name]
        if isinstance(value, str) and value.strip():
            chosen = name
            break
        if value is not None and not isinstance(value, str):
            raise InvalidInputError(f"{where}: the {name} field is a {type(value).__name__}, "
                                    "not text")  # fmt: skip
    if chosen is None:  # no field holds text: the first one's (empty) text, or none
        chosen = present[0]
        if not isinstance(record[chosen], str):
            raise InvalidInputError(f"{where}: the text field is a "
                                    f"{type(record[chosen]).__name__}, not text")  # fmt: skip
    text = record[chosen]
    after = present[present.index(chosen) + 1 :]
    unread = [f for f in after if isinstance(record[f], str) and record[f].strip() != text.strip()
              and record[f].strip()]  # fmt: skip
    return text, [chosen, *unread] if unread else []


def _record(record: dict, where: str) -> dict:
    if not isinstance(record, dict):
        raise InvalidInputError(f"{where}: expected an object with a text field, not "
                                f"{type(record).__name__}")  # fmt: skip
    text, unread = _text_field(record, where)
    out = {"text": text, "_where": where, "_unread": unread}
    for field in ("published", "source", "url", "title", "article_id", "lang"):
        value = _pick(record, field)
        out[field] = None if value is None else str(value)
    return out


def _stable_id(path: Path, n: int | None, text: str) -> str:
    base = path.stem if n is None else f"{path.stem}:{n}"
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{base}-{digest}"


def _read_one(path: Path, raw: bytes, errors: str) -> list[dict]:
    """The records of one file, given its bytes; a JSON/CSV record carries "_where"."""
    suffix = path.suffix.lower()
    if suffix in _FEEDS:
        return read_feed(raw, str(path))
    content = _decode(path, raw, errors)
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
        data = load_json(content, str(path))
        if is_telegram_export(data):
            return read_telegram(data, str(path))
        items = data if isinstance(data, list) else [data]
        return [_record(item, f"{path}, item {i}") for i, item in enumerate(items)]
    if suffix in (".jsonl", ".ndjson"):
        out = []
        # lines end at "\n" only: a JSON string may hold U+2028 and the like, which
        # str.splitlines() would take for line ends
        for n, line in enumerate(content.split("\n"), start=1):
            if line.strip():
                item = load_json(line, f"{path}, line {n}", whole_file=False)
                out.append(_record(item, f"{path}, line {n}"))
        return out
    if suffix == ".csv":
        header, rows = _csv_rows(content, path)
        if not any(f in header for f in _TEXT_FIELDS):
            raise InvalidInputError(
                f"{path}: no text column (looked for {', '.join(_TEXT_FIELDS)}; "
                f"columns are {', '.join(header) or 'none'})"
            )
        return [_record(dict(zip(header, cells, strict=True)), f"{path}, line {n}")
                for n, cells in rows]  # fmt: skip
    raise InvalidInputError(f"{path}: unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")


def _clean_records(records: list[dict], path: Path, errors: str, dropped: list[str]) -> None:
    """Check the records of one file where they are read, naming the file and the line
    (or item): refuse, or replace by U+FFFD with one warning, the lone surrogates that
    JSON's \\u escapes can put in a record's text fields; refuse a published date the
    events cannot take (as :func:`geoevents.extract_events` would, without the file);
    leave empty a url that is no http(s) link, noted in ``dropped``."""
    from ._events.inputs import published_date

    replaced, first, unread = 0, None, []
    for n, rec in enumerate(records, start=1):
        given = rec.pop("_where", None)
        where = given or f"{path}, record {n}"
        fields = rec.pop("_unread", None)
        if fields:
            unread.append(f"{where.removeprefix(f'{path}, ')} (read {fields[0]}, not "
                          f"{', '.join(fields[1:])})")  # fmt: skip
        for key, value in rec.items():
            if isinstance(value, str):
                rec[key], count = clean_text(value, f"{where}, {key}", errors)
                if count:
                    replaced, first = replaced + count, first or where.removeprefix(f"{path}, ")
        here = given or (where if len(records) > 1 else str(path))
        try:
            published_date(rec.get("published"))
        except ValueError as exc:  # an InvalidInputError too: outside what a frame holds
            raise InvalidInputError(f"{here}: published {exc}") from None
        rec["url"] = kept_url(rec.get("url"), f"{here}: url", dropped)
    if unread:
        shown = "; ".join(unread[:5]) + (
            f" and {len(unread) - 5:,} more" if len(unread) > 5 else ""
        )
        warnings.warn(f"{path}: more than one text field holds text, and only the first that "
                      f"does is read (fields in the order {', '.join(_TEXT_FIELDS)}; put the "
                      f"text in one field): {shown}", GeoEventsWarning, stacklevel=4)  # fmt: skip
    if replaced:
        warnings.warn(f"{path}: {replaced:,} lone surrogate{'s' if replaced != 1 else ''} "
                      f"(\\u escapes that are half of a pair) read as U+FFFD, the first at "
                      f"{first}", GeoEventsWarning, stacklevel=4)  # fmt: skip


# ------------------------------------------------------------------ finding files


def _why(path, exc: OSError) -> str:
    return f"{shown_path(path)} ({exc.strerror or type(exc).__name__})"


def _walk(folder: Path, unreadable: list[str], left_out: Counter) -> list[Path]:
    """The report files under ``folder``, sorted; each folder or file that cannot be read
    goes to ``unreadable`` (symbolic links to folders are not followed), and the suffix of
    each other file to ``left_out`` (hidden files, ".DS_Store", are not counted)."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError as exc:
            unreadable.append(_why(here, exc))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif path.suffix.lower() not in SUFFIXES or entry.is_dir():
                    if not entry.name.startswith(".") and not entry.is_dir():
                        left_out[path.suffix.lower() or "(no suffix)"] += 1
                elif entry.is_file():
                    found.append(path)
                else:
                    unreadable.append(f"{shown_path(path)} (a broken link, or not a "
                                      "regular file)")  # fmt: skip
            except OSError as exc:
                unreadable.append(_why(path, exc))
    return sorted(found)


def _find_files(paths, left_out: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """The report files that ``paths`` name, and "path (why)" of each that cannot be read;
    each folder that holds files but none of a kind read goes to ``left_out`` as "folder
    (2 .pdf, 1 .docx)". A path is a str or any ``os.PathLike`` of str."""
    if isinstance(paths, (str, bytes, bytearray, os.PathLike)):
        paths = [paths]
    if not isinstance(paths, Iterable):
        raise InvalidInputError(f"paths must be a path or a list of paths (str or "
                                f"os.PathLike), not {type(paths).__name__}")  # fmt: skip
    out: list[Path] = []
    unreadable: list[str] = []
    for p in paths:
        text = path_text(p)
        if text is None:
            said = not_a_path("", p).removeprefix(" must be a file path ")
            raise InvalidInputError(f"paths must hold paths {said}")
        path = Path(text).expanduser()
        try:
            mode = path.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise InvalidInputError(f"no such file or folder: {shown_path(path)}") from None
        except ValueError:  # a NUL character
            raise InvalidInputError(f"paths must hold paths, not {p!r}") from None
        except OSError as exc:
            unreadable.append(_why(path, exc))
            continue
        if stat.S_ISDIR(mode):
            kinds: Counter = Counter()
            found = _walk(path, unreadable, kinds)
            out.extend(found)
            if not found and kinds and left_out is not None:
                counts = ", ".join(f"{n:,} {suffix}" for suffix, n in kinds.most_common())
                left_out.append(f"{shown_path(path)} ({counts})")
        elif stat.S_ISREG(mode):
            out.append(path)
        else:
            raise InvalidInputError(f"{shown_path(path)}: not a file or a folder")
    return out, unreadable


def _warn_left_out(left_out: list[str], stacklevel: int) -> None:
    """One warning naming the folders that gave no report for the kinds of their files."""
    n = len(left_out)
    warnings.warn(f"no report read from {n} folder{'s' if n != 1 else ''} whose files are "
                  f"all of kinds that are not read: {'; '.join(left_out)}; reports are read "
                  f"from {', '.join(SUFFIXES)} files (convert the others to one of "
                  f"them)", GeoEventsWarning, stacklevel=stacklevel + 1)  # fmt: skip


def _warn_unreadable(unreadable: list[str], stacklevel: int) -> None:
    n = len(unreadable)
    warnings.warn(f"could not read {n} {'file or folder' if n == 1 else 'files or folders'}, "
                  f"so their reports are left out: {'; '.join(unreadable)}",
                  GeoEventsWarning, stacklevel=stacklevel)  # fmt: skip


def expand_paths(paths) -> list[Path]:
    """The report files that ``paths`` (files and folders) name, folders read recursively;
    a :class:`GeoEventsWarning` names each folder or file that cannot be read."""
    left_out: list[str] = []
    files, unreadable = _find_files(paths, left_out)
    if unreadable:
        _warn_unreadable(unreadable, stacklevel=3)
    if left_out:
        _warn_left_out(left_out, stacklevel=2)
    return files


def read_articles_noting_unreadable(paths, *, progress: bool = True, errors: str = "strict",
                                    left_out: list[str] | None = None):  # fmt: skip
    """:func:`read_articles`' frame, and "path (why)" of each file or folder that could not
    be read (without a warning: the command line decides what to do about them); each
    folder whose files are all of kinds not read goes to ``left_out`` when it is given."""
    import pandas as pd

    progress = checked_flag("progress", progress)
    errors = checked_errors(errors)
    files, unreadable = _find_files(paths, left_out)
    iterator = files
    if progress and len(files) > 50:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="reading reports", unit=" files", leave=False)
    rows, dropped = [], []
    for path in iterator:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            unreadable.append(_why(path, exc))
            continue
        name = Path(shown_path(path))  # what messages and ids call the file
        records = _read_one(name, raw, errors)
        _clean_records(records, name, errors, dropped)
        many = len(records) > 1 or path.suffix.lower() in (".csv", ".jsonl", ".ndjson", ".json")
        for n, rec in enumerate(records, start=1):
            rec = dict(rec)
            if not rec.get("article_id"):
                rec["article_id"] = _stable_id(name, n if many else None, rec["text"])
            if not rec.get("source"):
                rec["source"] = None
            lang = str(rec.get("lang") or "").strip().lower()
            rec["lang"] = lang if lang in LANGUAGES else detect_language(rec["text"] or "")
            rows.append({c: rec.get(c) for c in ARTICLE_COLUMNS})
    warn_dropped_urls(dropped, "url", stacklevel=3)
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    return frame.astype({c: "str" for c in ARTICLE_COLUMNS}), sorted(unreadable)


def read_articles(paths, *, progress: bool = True, errors: str = "strict"):
    """Read reports from files and folders into a DataFrame, one row per report.

    Parameters
    ----------
    paths : path or list of paths
        Each a str or any ``os.PathLike``. ``.txt`` (one report; its first
        line is the title), ``.html`` (the page's main text, without navigation,
        scripts and the like; the title and publication date from its metadata),
        ``.json`` (an object or a list of objects), ``.jsonl`` (one object per line)
        or ``.csv``; objects and rows give the text in
        ``text`` (or ``body``, ``content``…: the first of them that holds text, with a
        warning naming the records where a later one holds another) and optionally
        ``published`` (or ``date``; null, NaN and an empty cell are no date),
        ``source``, ``url``, ``title``, ``article_id``, ``lang``. A ``.json`` that is a
        Telegram Desktop export (``result.json`` of a channel, or of a whole account)
        gives one report per post with its date, link and channel; ``.xml``, ``.rss``
        and ``.atom`` files are RSS or Atom feeds, one report per item. Folders are
        read recursively.
    progress : bool, default True
        A progress bar when reading more than 50 files.
    errors : {"strict", "replace"}, default "strict"
        What to do with a file that is not UTF-8, and with a JSON ``\\u`` escape that
        is a lone surrogate (half of a pair, no character): "strict" refuses the file
        with an :class:`InvalidInputError` that names it, the byte offset and the line
        (or the record); "replace" reads each bad sequence as U+FFFD and says so in a
        :class:`GeoEventsWarning` that names the file.

    Returns
    -------
    pandas.DataFrame
        Columns article_id, text, published, source, url, title, lang (``str``;
        missing values are NA). ``lang`` is the report's language, "en", "uk" or "ru":
        a record's own, else told from the text.

    Files are read whole: CSV cells of any length, any line end (LF, CRLF, a bare CR),
    JSON nested at most 100 levels deep (deeper is refused, naming the file and the
    line). A CSV row with more fields than the header (a text with commas that are not
    in quotes) is refused, naming the file and the line, rather than cut; so is a CSV
    whose header names a column twice ("text,title,text"), naming the column, and a JSON
    object that names a key twice; UTF-16 text (a NUL every other byte) is refused
    saying so. A file or folder that cannot be read (no permission, a broken link) is
    left out with one :class:`GeoEventsWarning` that names every one of them; so is a
    folder whose files are all of kinds not read (.pdf, .docx). A file name that is not
    UTF-8 (b"caf\\xe9.txt" on Linux) is read; ids and messages show its bad bytes as
    ``\\xNN`` escapes (``caf\\xe9-…``). A publication date that
    :func:`geoevents.extract_events` could not take (outside 1677-09-22..2262-04-11, or
    a date with more after it, "2022-05-04garbage") refuses the file, naming it and the
    line or item; a ``url`` that is no http(s) link ("javascript:…", a relative link)
    is left empty, with one :class:`GeoEventsWarning` that names each.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Strikes on Odesa\\nDrones hit the port of Odesa.")
    >>> read_articles(folder)[["title", "text"]].values.tolist()
    [['Strikes on Odesa', 'Strikes on Odesa\\nDrones hit the port of Odesa.']]
    """
    left_out: list[str] = []
    frame, unreadable = read_articles_noting_unreadable(paths, progress=progress, errors=errors,
                                                        left_out=left_out)  # fmt: skip
    if unreadable:
        _warn_unreadable(unreadable, stacklevel=3)
    if left_out:
        _warn_left_out(left_out, stacklevel=2)
    return frame


# ----------------------------------------------------------------- datasets


@functools.lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[int, str], dict[str, str]]:
    """ISO numeric -> alpha-2, and lower-case country name -> alpha-2."""
    data = countries()
    return (
        {int(v["isonumeric"]): k for k, v in data.items()},
        {v["name"].lower(): k for k, v in data.items()},
    )


def _country_code(iso: int | None = None, name=None) -> str | None:
    """The alpha-2 code of ISO numeric ``iso`` (a cell read by :func:`whole_cell`, so that
    "8_04" is refused, not read as 804), else of the country ``name``."""
    by_number, by_name = _country_tables()
    if iso is not None:
        return by_number.get(iso)
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

    path = checked_path("path", path)
    if not path.is_file():
        raise InvalidInputError(f"no such file: {shown_path(path)}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {_why(path, exc)}") from None
    path = Path(shown_path(path))  # what messages call the file (read already)
    content = _decode(path, raw, fix="save the file as UTF-8")
    header, rows = _csv_rows(content, path, "", whole=True)
    frame = pd.DataFrame([cells for _, cells in rows], columns=header, dtype=str,
                         index=[n for n, _ in rows])  # fmt: skip
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InvalidInputError(
            f"{path}: not an {label} export — missing column(s) {', '.join(missing)}; "
            f"columns are {', '.join(frame.columns)}"
        )
    return path, frame


# ACLED's precision codes: 1 the day or the named place, 2 the week or a place nearby,
# 3 the month or a whole region; UCDP GED's date_prec counts 1-5, its where_prec 1-7
_ACLED_PRECISION = (1, 2, 3)
_UCDP_DATE_PRECISION = (1, 2, 3, 4, 5)
_UCDP_WHERE_PRECISION = (1, 2, 3, 4, 5, 6, 7)


def read_acled(path):
    """Read an ACLED CSV export into the events schema.

    ACLED's columns keep their names (event_date, time_precision, event_type,
    sub_event_type, actor1, actor2, location, admin1, country, latitude, longitude,
    geo_precision, fatalities, notes, source); ``event_id_cnty`` becomes
    ``event_id``; ``iso`` (numeric) becomes ``country_code``; ``status`` is
    "reported" and ``confidence`` 1.0; ``mention`` is the location; ``article_id``
    and ``source_url`` are empty.

    Every row is checked as it is read, and a file with a value the events frame
    cannot hold as it is is refused with an :class:`InvalidInputError` that names the
    file, the line, the column and the value (nothing is changed silently): a date
    that is not ``YYYY-MM-DD`` (with an optional time) or "3 May 2022" / "03-May-2022"
    (all-number dates such as "05/03/2022", whose day and month could be either way
    round, two-digit years, ranges and dates with more after them are refused), a word
    such as "now" or "today" instead of a date, a date outside 1677-09-22..2262-04-11
    (what a ``datetime64[ns]`` column holds); a latitude/longitude that is not a number
    written in digits ("4_6.48", "nan", "inf" are not) or is outside [-90, 90] × [-180,
    180]; fatalities that are not a whole number in 0..10,000,000; a precision code that
    is not 1, 2 or 3; a row with fewer fields than the header (a cut line). Empty cells
    stay empty.

    Examples
    --------
    >>> ev = read_acled("examples/data/acled_sample.csv")  # doctest: +SKIP
    """
    from ._events import events_frame

    path, frame = _read_csv(path, ("event_date", "event_type", "latitude", "longitude"), "ACLED")
    rows = []
    for n, r in zip(frame.index, frame.to_dict(orient="records"), strict=True):
        where = f"{path}, line {n}"
        lat, lon = point_cell(r.get("latitude"), r.get("longitude"), where)
        rows.append({
            "event_id": r.get("event_id_cnty") or r.get("data_id") or f"acled-{n}",
            "event_date": date_cell(r.get("event_date"), where, "event_date"),
            "time_precision": code_cell(r.get("time_precision"), where, "time_precision",
                                        _ACLED_PRECISION),
            "event_type": r.get("event_type") or None,
            "sub_event_type": r.get("sub_event_type") or None,
            "actor1": r.get("actor1") or None,
            "actor2": r.get("actor2") or None,
            "location": r.get("location") or None,
            "admin1": r.get("admin1") or None,
            "country": r.get("country") or None,
            "country_code": _country_code(whole_cell(r.get("iso"), where, "iso"),
                                          r.get("country")),
            "geonameid": None,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": code_cell(r.get("geo_precision"), where, "geo_precision",
                                       _ACLED_PRECISION),
            "fatalities": count_cell(r.get("fatalities"), where, "fatalities"),
            "status": "reported",
            "confidence": 1.0,
            "notes": r.get("notes") or None,
            "mention": r.get("location") or None,
            "source": r.get("source") or None,
            "source_url": None,
            "article_id": None,
        })  # fmt: skip
    return events_frame(rows)


_UCDP_TYPES = {
    1: ("Battles", "Armed clash"),  # state-based conflict
    2: ("Battles", "Armed clash"),  # non-state conflict
    3: ("Violence against civilians", "Attack"),  # one-sided violence
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
    ``event_clarity`` 1 → confidence 1.0, else 0.5; ``id`` → event_id. An empty
    ``date_prec`` counts as 1, an empty ``where_prec`` as 3.

    Rows are checked as :func:`read_acled` checks them (a file with a date, a point
    or a count the events frame cannot hold is refused, naming the file and the
    line); ``type_of_violence`` must be 1, 2 or 3, ``date_prec`` 1-5,
    ``where_prec`` 1-7 and ``event_clarity`` 1, 2 or empty (each code may be written
    "3" or "3.0").
    """
    from ._events import events_frame

    path, frame = _read_csv(
        path, ("type_of_violence", "latitude", "longitude", "date_start"), "UCDP GED"
    )
    rows = []
    for n, r in zip(frame.index, frame.to_dict(orient="records"), strict=True):
        where = f"{path}, line {n}"
        lat, lon = point_cell(r.get("latitude"), r.get("longitude"), where)
        kind = code_cell(r.get("type_of_violence"), where, "type_of_violence", (1, 2, 3))
        if kind is None:
            raise InvalidInputError(f"{where}: type_of_violence is empty; give 1, 2 or 3, or "
                                    "remove the row from the file")  # fmt: skip
        etype, sub = _UCDP_TYPES[kind]
        clarity = code_cell(r.get("event_clarity"), where, "event_clarity", (1, 2))
        date_prec = code_cell(r.get("date_prec"), where, "date_prec", _UCDP_DATE_PRECISION)
        where_prec = code_cell(r.get("where_prec"), where, "where_prec", _UCDP_WHERE_PRECISION)
        rows.append({
            "event_id": f"ucdp-{r.get('id') or n}",
            "event_date": date_cell(r.get("date_start"), where, "date_start"),
            "time_precision": _UCDP_DATE_PREC[date_prec or 1],
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
            "geo_precision": _UCDP_WHERE_PREC[where_prec or 3],
            "fatalities": count_cell(r.get("best"), where, "best"),
            "status": "reported",
            "confidence": 1.0 if clarity == 1 else 0.5,
            "notes": r.get("source_headline") or None,
            "mention": r.get("where_description") or None,
            "source": r.get("source_office") or None,
            "source_url": None,
            "article_id": None,
        })  # fmt: skip
    return events_frame(rows)
