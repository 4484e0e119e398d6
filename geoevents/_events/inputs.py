"""Inputs: a text, a record, a frame of reports or a list of them in, checked reports out."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Mapping

from .._cache import BoundedCache
from .._errors import InvalidInputError
from .._geoparse.language import checked_language
from . import dates as _dates
from .records import Report

__all__ = ["reports_of"]


def _article_id(text: str) -> str:
    return "a" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:11]


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _published(value, where: str) -> dt.date | None:
    if isinstance(value, str):  # a frame of notes often shares a handful of dates
        found = _PUBLISHED_SEEN.get(value)
        if found is not None:
            return found
    try:
        date = _dates.parse_published(value)
    except ValueError as exc:
        raise InvalidInputError(f"{where}: published {exc}") from None
    if isinstance(value, str) and date is not None:
        _PUBLISHED_SEEN.put(value, date)
    return date


_PUBLISHED_SEEN = BoundedCache(10_000)


def reports_of(items, *, published, source, url) -> list[Report]:
    default_pub = _published(published, "argument")
    if source is not None and not isinstance(source, str):
        raise InvalidInputError(f"source must be a str, not {type(source).__name__}")
    if url is not None and not isinstance(url, str):
        raise InvalidInputError(f"url must be a str, not {type(url).__name__}")

    def record(obj, where: str) -> Report:
        if isinstance(obj, str):
            return Report(_article_id(obj), obj, default_pub, source, url)
        if isinstance(obj, Mapping):
            if "text" not in obj:
                raise InvalidInputError(f"{where}: no 'text' field (fields: {sorted(obj)})")
            text = obj["text"]
            if text is None or (isinstance(text, float) and math.isnan(text)):
                text = ""
            if not isinstance(text, str):
                raise InvalidInputError(f"{where}: text must be a str, not {type(text).__name__}")
            pub = obj.get("published")
            pub = _published(pub, where) if _clean(pub) is not None else default_pub
            aid = _clean(obj.get("article_id")) or _article_id(text)
            lang = _clean(obj.get("lang"))
            if lang is not None:
                try:
                    lang = checked_language(str(lang))
                except InvalidInputError as err:
                    raise InvalidInputError(f"{where}: {err}") from None
            return Report(aid, text, pub, _clean(obj.get("source")) or source,
                          _clean(obj.get("url")) or url, lang)  # fmt: skip
        raise InvalidInputError(
            f"{where}: expected a report text (str) or a record with a 'text' field, "
            f"not {type(obj).__name__}"
        )

    if hasattr(items, "columns") and hasattr(items, "to_dict"):  # a DataFrame
        if "text" not in items.columns:
            raise InvalidInputError(
                f"the frame has no 'text' column (columns: {list(items.columns)})"
            )
        return [record(row, f"row {i}") for i, row in enumerate(items.to_dict(orient="records"))]
    if isinstance(items, (str, Mapping)):
        return [record(items, "report")]
    if isinstance(items, Iterable):
        return [record(obj, f"item {i}") for i, obj in enumerate(items)]
    raise InvalidInputError(
        f"expected a report text, a record, a frame of reports or a list of them, "
        f"not {type(items).__name__}"
    )
