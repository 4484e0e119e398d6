"""Division seats: a first-level division in, the town that seats it out (and back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import keys as _text
from .sources import KINDS

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["SEAT_MIN_POPULATION", "seat_of", "seated_division"]

# the towns weighed as a division's seat: a seat is a town of some size
SEAT_MIN_POPULATION = 10_000
_CITY = KINDS.index("city")


def seat_of(gazetteer: Gazetteer, place_id: int, towns_by_country: dict) -> int:
    """The id of the town that seats division ``place_id`` or -1 (the rule is
    :meth:`Gazetteer.seat_of`'s); ``towns_by_country`` memoises each country's towns."""
    info = gazetteer.place(place_id)
    if info.kind != "admin1" or not info.country_code:
        return -1
    ix = gazetteer.index
    towns = towns_by_country.get(info.country_code)
    if towns is None:
        towns = np.flatnonzero(
            (ix.kind == _CITY)
            & (ix.country == ix.string_id(info.country_code))
            & (ix.population >= SEAT_MIN_POPULATION)
        )
        towns = towns[np.argsort(-ix.population[towns], kind="stable")]
        towns_by_country[info.country_code] = towns
    stem = _text.exact_key(info.name)[:4]
    for t in towns:
        name = ix.name(int(t))
        if (
            _text.exact_key(name)[:4] == stem  # "Kherson" of "Khersonska oblast"
            and _text.fold(name).hint is None  # not "Texas City"
            and place_id in gazetteer.divisions_named(name, info.country_code)
        ):
            return int(t)
    inside = towns[ix.admin1[towns] == ix.string_id(info.admin1)]
    return int(inside[0]) if len(inside) else -1


def seated_division(gazetteer: Gazetteer, place_id: int) -> int:
    """The id of the first-level division whose seat (:meth:`Gazetteer.seat_of`) is
    town ``place_id``, else -1: "Dolynska, Kirovograd" names the region by the old name
    of its seat, Kropyvnytskyi.

    Examples
    --------
    >>> from geoevents import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> town = gaz.place_ids("Kropyvnytskyi", country="UA", kind="city")[0]
    >>> gaz.place(seated_division(gaz, int(town))).name
    'Kirovohradska oblast'
    """
    info = gazetteer.place(place_id)
    if info.kind != "city" or not info.admin1 or not info.country_code:
        return -1
    region = gazetteer.division_named(info.admin1, info.country_code)
    return region if region >= 0 and gazetteer.seat_of(region) == int(info.place_id) else -1
