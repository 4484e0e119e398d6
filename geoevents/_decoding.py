"""What files hold, decoded safely: bad UTF-8, lone surrogates and deep JSON refused or replaced.

The readers turn bytes into text and JSON into objects here, so that one policy holds
for every file and for standard input:

* bytes that are not UTF-8 are **refused** with an :class:`InvalidInputError` that names
  the file, the byte offset and the line (``errors="strict"``, the default), or **read
  as U+FFFD** with a :class:`GeoEventsWarning` that names them (``errors="replace"``);
* a lone surrogate (a JSON ``\\ud800`` escape that is half of no pair) is no character
  and cannot be written out as UTF-8: refused, or replaced by U+FFFD with a warning,
  by the same choice;
* JSON nested deeper than :data:`MAX_JSON_DEPTH` is refused, naming the file and the
  line, before Python's parser can run out of stack; so is an object that names a key
  twice, whose values but the last Python's parser would drop;
* UTF-16 text (with a byte-order mark, or without one: a NUL every other byte) is
  refused saying so, not read as text of NULs in which no word is found;
* a control character that is no whitespace (NUL, ESC, DEL, the C1 controls but NEL) is
  read as a space by the text readers (:func:`spaced_controls`), so that it parts words
  as the space it stands for does, and every offset still indexes the text given;
  invisible format characters (a soft hyphen inside a word, a zero-width joiner, a
  byte-order mark) are read as nothing, and a zero-width space as a space
  (:func:`readable`), so that they neither glue two words nor cut one.

Examples
--------
>>> decode(b"Drones over Sumy", "a.txt")
'Drones over Sumy'
>>> decode(b"Drones over caf\\xe9s", "b.txt")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: b.txt: not UTF-8: byte 0xe9 at offset 15 (line 1) \
is no UTF-8 character; save the file as UTF-8, or read it with errors="replace" (on the \
command line: --encoding-errors replace)
>>> load_json("[" * 101 + "]" * 101, "deep.json")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: deep.json, line 1: JSON nested deeper than 100 \
levels; reports are flat records, so this is no report file
"""

from __future__ import annotations

import bisect
import json
import re
import warnings

from ._errors import GeoEventsWarning, InvalidInputError

__all__ = [
    "ERRORS",
    "FIX_BYTES",
    "MAX_JSON_DEPTH",
    "SURROGATE",
    "checked_errors",
    "clean_text",
    "decode",
    "load_json",
    "readable",
    "spaced_controls",
    "text_offset",
]

# ------------------------------------------------------------------ the rules, with reasons

# what to do with text that is not UTF-8: "strict" refuses it (nothing is changed without
# the user's word), "replace" reads each bad sequence as U+FFFD and says so in a warning
ERRORS = ("strict", "replace")
# what a refusal tells the user to do
FIX_BYTES = ('save the file as UTF-8, or read it with errors="replace" (on the command '
             "line: --encoding-errors replace)")  # fmt: skip
# reports are records of text fields: a Telegram export, the deepest format read, nests
# 7 levels; 100 is far above any report file and far below Python's recursion limit
# (1,000), which the JSON parser, str() and pandas share
MAX_JSON_DEPTH = 100

_BOM = b"\xef\xbb\xbf"
# the byte-order marks of UTF-16 (and of UTF-32, which begin alike): text that starts with
# one is UTF-16 or UTF-32, which is refused as any text that is not UTF-8 is, saying so
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# UTF-16 without a byte-order mark decodes as UTF-8 without an error, every other
# character a NUL ("R\x00u\x00s\x00..."), and no rule finds a word in it; a report holds
# no NUL of its own, so more than a tenth of NULs in its first 4,000 characters is UTF-16
# (or no text), not a report with a stray NUL
_NUL_SAMPLE = 4_000
_NUL_SHARE = 0.1
_REPLACEMENT = "\ufffd"
# half of a UTF-16 pair alone: broken text no UTF-8 file can hold
SURROGATE = re.compile("[\ud800-\udfff]")
# control characters Python takes for no whitespace, so that str.split() and \s
# read "hit<NUL>Odesa" as one word: C0 but TAB, LF, VT, FF, CR and FS..US; DEL; C1 but NEL
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACED = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)], " "
)
# format characters that are no letter and show nothing, which a web page, a chat or a
# paste leaves inside and around words: the soft hyphen a page hides in a long word
# ("Khar<SHY>kiv"), the zero-width non-joiner and joiner, the word joiner and the
# invisible operators, the left-to-right and right-to-left marks, embeddings and
# isolates around a name, and the byte-order mark (U+FEFF) at the start of a paste.
# Read as they are, they cut a name into pieces no gazetteer holds: they are read as
# nothing. Python's str.split() and \s take none of them for whitespace.
_INVISIBLE = re.compile("[\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# the zero-width space marks where a line may break between two words: read as a space
_ZERO_WIDTH_SPACE = {0x200B: " "}
_FORMAT = re.compile(_INVISIBLE.pattern[:-1] + "\u200b]")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


def checked_errors(value) -> str:
    """``value`` as one of :data:`ERRORS`, or refused naming the argument."""
    if isinstance(value, str) and value in ERRORS:
        return value
    raise InvalidInputError(f'errors must be "strict" or "replace", not {value!r}')


# ------------------------------------------------------------------ bytes


def decode(raw: bytes, where: str, errors: str = "strict", *, fix: str = FIX_BYTES) -> str:
    """``raw`` (UTF-8, a byte order mark dropped) as text; ``where`` names it in messages.

    Text that is UTF-16 is refused saying so: when it starts with a UTF-16 byte-order
    mark, and when it has none but NUL is more than a tenth of its first 4,000
    characters (``errors="replace"`` reads it as it is, with a warning).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     decode(b"Kyiv \\xff\\xfe at dawn", "c.txt", "replace"), str(seen[0].message)
    ('Kyiv \\ufffd\\ufffd at dawn', 'c.txt: not UTF-8 from byte offset 5 (line 1): 2 bad \
bytes read as U+FFFD')
    >>> decode("Drones".encode("utf-16-le"), "d.txt")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: d.txt: not UTF-8: byte 0x00 at offset 1 (line 1) \
and 5 more of the first 12 characters are NUL, so this looks like UTF-16LE text without a \
byte-order mark; save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8)
    """
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(raw) - len(body)
        line = raw.count(b"\n", 0, offset) + 1
        if errors == "strict" and raw.startswith(_UTF16_BOMS):
            raise InvalidInputError(f"{where}: not UTF-8: byte 0x{raw[0]:02x} at offset 0 "
                                    "(line 1) begins a UTF-16 byte-order mark, so this is "
                                    "UTF-16 (or UTF-32) text; save it as UTF-8 (e.g. iconv "
                                    "-f UTF-16 -t UTF-8)") from None  # fmt: skip
        if errors == "strict":
            raise InvalidInputError(f"{where}: not UTF-8: byte 0x{raw[offset]:02x} at offset "
                                    f"{offset} (line {line}) is no UTF-8 character; "
                                    f"{fix}") from None  # fmt: skip
        text = body.decode("utf-8", "replace")
        n = text.count(_REPLACEMENT) - body.count(_REPLACEMENT.encode("utf-8"))
        warnings.warn(f"{where}: not UTF-8 from byte offset {offset} (line {line}): "
                      f"{n:,} bad byte{'s' if n != 1 else ''} read as U+FFFD",
                      GeoEventsWarning, stacklevel=3)  # fmt: skip
    _check_nuls(raw, text, where, errors)
    return text


def _check_nuls(raw: bytes, text: str, where: str, errors: str) -> None:
    """Refuse (or, with ``errors="replace"``, warn about) text whose first characters
    are NUL as often as UTF-16 without a byte-order mark makes them."""
    sample = text[:_NUL_SAMPLE]
    nuls = sample.count("\x00")
    if not nuls or nuls <= _NUL_SHARE * len(sample):
        return
    head = raw[: 2 * _NUL_SAMPLE]
    odd = head[1::2].count(0)  # UTF-16LE puts the NUL of "R" after it, at an odd offset
    kind = "UTF-16LE" if odd >= head[::2].count(0) else "UTF-16BE"
    offset = raw.find(b"\x00")
    line = raw.count(b"\n", 0, offset) + 1
    said = (f"byte 0x00 at offset {offset} (line {line}) and {nuls - 1:,} more of the first "
            f"{len(sample):,} characters are NUL, so this looks like {kind} text without a "
            f"byte-order mark")  # fmt: skip
    fix = f"save it as UTF-8 (e.g. iconv -f {kind} -t UTF-8)"
    if errors == "strict":
        raise InvalidInputError(f"{where}: not UTF-8: {said}; {fix}")
    warnings.warn(f"{where}: {said}, read as it is; {fix}", GeoEventsWarning, stacklevel=4)


# ------------------------------------------------------------------ strings


def clean_text(value: str, where: str, errors: str = "strict") -> tuple[str, int]:
    """``value`` without lone surrogates, and how many were replaced by U+FFFD.

    ``errors="strict"`` refuses a value that holds one, naming ``where``.

    >>> clean_text("Shelling \\ud800 near Izium", "item 0", "replace")
    ('Shelling \\ufffd near Izium', 1)
    """
    found = SURROGATE.search(value)
    if found is None:
        return value, 0
    if errors == "strict":
        raise InvalidInputError(
            f"{where}: holds a lone surrogate (U+{ord(found.group()):04X} at character "
            f"{found.start()}), half of a character pair, which no UTF-8 file can hold; "
            f'fix the \\u escapes, or read it with errors="replace" (on the command line: '
            "--encoding-errors replace)"
        )
    return SURROGATE.subn(_REPLACEMENT, value)


def spaced_controls(text: str) -> str:
    """``text`` with each control character that is no whitespace read as a space: the
    same length, so offsets into it index ``text``; ``text`` itself when it holds none.

    A NUL or an ESC between two words is no letter of either: read as it is, it glues
    them into one word for every rule that reads words ("hit\\x00Odesa" would hide
    Odesa). Those Python takes for whitespace (tab, line and paragraph breaks, VT, FF,
    FS..US, NEL, U+2028, U+2029) are left as they are: they already part words.

    >>> spaced_controls("Drones hit\\x00Odesa\\x7f.")
    'Drones hit Odesa .'
    """
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_SPACED)


def readable(text: str, *, keep_length: bool = False) -> tuple[str, list[int] | None]:
    """``text`` as the readers read it, and the positions in ``text`` of the characters
    read as nothing (``None`` when there are none, so that offsets into the reading
    index ``text``; :func:`text_offset` maps them back otherwise).

    A control character that is no whitespace is read as a space (see
    :func:`spaced_controls`), a zero-width space (U+200B) too, as the break between
    words it marks; the invisible format characters of web pages and pastes (soft
    hyphen, zero-width joiners, direction marks, word joiner, byte-order mark) are read
    as nothing, since they sit inside words ("Khar\\xadkiv" is Kharkiv), unless
    ``keep_length`` (then they are read as they are).

    >>> readable("\\ufeffDrones hit Khar\\xadkiv\\u200bovernight")
    ('Drones hit Kharkiv overnight', [0, 16])
    >>> readable("Drones hit\\x00Odesa")
    ('Drones hit Odesa', None)
    """
    reading = spaced_controls(text)
    if _FORMAT.search(reading) is None:
        return reading, None
    reading = reading.translate(_ZERO_WIDTH_SPACE)
    if keep_length or _INVISIBLE.search(reading) is None:
        return reading, None
    removed = [m.start() for m in _INVISIBLE.finditer(reading)]
    return _INVISIBLE.sub("", reading), removed


def text_offset(removed: list[int]):
    """The function from an offset of a :func:`readable` reading to the offset of the
    same character in the text it was read from (``removed``: the positions read as
    nothing).

    >>> at = text_offset([0, 16])  # "\\ufeffDrones hit Khar\\xadkiv..."
    >>> at(0), at(14), at(15)
    (1, 15, 17)
    """
    # the j-th removed character stood just before reading offset removed[j] - j
    shifted = [p - j for j, p in enumerate(removed)]
    return lambda at: at + bisect.bisect_right(shifted, at)


# ------------------------------------------------------------------ JSON


def _maybe_deep(text: str) -> bool:
    """False when ``text``'s brackets surely nest at most MAX_JSON_DEPTH deep (fast, in C);
    True when they may nest deeper (or do not balance)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(MAX_JSON_DEPTH):  # each pass strips the innermost level
        if not brackets:
            return False
        brackets = _PAIR.sub("", brackets)
    return bool(brackets)


def _too_deep_at(text: str) -> int | None:
    """Where ``text``'s brackets (outside strings) first nest deeper than MAX_JSON_DEPTH."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return token.start()
        elif char in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


class _RepeatedKey(Exception):
    """A JSON object names a key twice (the key is the argument)."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object's pairs as a dict; :class:`_RepeatedKey` when a key repeats (Python's
    parser would keep the last value and drop the others without a word)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return obj


def load_json(text: str, where: str, *, whole_file: bool = True):
    """``text`` parsed as JSON; ``where`` names it (with the line when ``whole_file``).

    Refused with an :class:`InvalidInputError`: JSON that is not valid, nested deeper
    than :data:`MAX_JSON_DEPTH`, holding a number too long to read, or an object that
    names a key twice (``{"text": "a", "text": "b"}``: one text would be lost).

    >>> load_json('{"text": "Calm.", "published": null}', "a.json")
    {'text': 'Calm.', 'published': None}
    >>> load_json('{"text": "Calm.", "text": "Rain."}', "b.json")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: b.json: an object names the key 'text' twice, so \
one of its values would be dropped; remove or rename one of them
    """
    if _maybe_deep(text):
        at = _too_deep_at(text)
        if at is not None:
            line = f", line {text.count(chr(10), 0, at) + 1}" if whole_file else ""
            raise InvalidInputError(f"{where}{line}: JSON nested deeper than {MAX_JSON_DEPTH} "
                                    "levels; reports are flat records, so this is no report "
                                    "file")  # fmt: skip
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _RepeatedKey as exc:
        key = exc.args[0] if len(exc.args[0]) <= 80 else exc.args[0][:79] + "…"
        raise InvalidInputError(f"{where}: an object names the key {key!r} twice, so one of "
                                "its values would be dropped; remove or rename one of "
                                "them") from None  # fmt: skip
    except json.JSONDecodeError as exc:
        line = f", line {exc.lineno}" if whole_file else ""
        raise InvalidInputError(f"{where}: not valid JSON ({exc.msg}{line})") from None
    except RecursionError:  # a stack smaller than the bound allows for: refused all the same
        raise InvalidInputError(f"{where}: JSON nested too deep to read") from None
    except ValueError:  # a number of more digits than Python reads (4,300 by default)
        raise InvalidInputError(f"{where}: JSON holds a number too long to read (thousands of "
                                "digits), which is no report's") from None  # fmt: skip
