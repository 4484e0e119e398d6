"""City districts: "Donetsk - Petrovskyi" in, the district the gazetteer holds near the city out."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left

import numpy as np

from .._geo import nearest_km
from . import rules
from .records import EventPlace

__all__ = ["city_districts"]


def city_districts(gaz, text: str, places: list[EventPlace]) -> list[EventPlace]:
    """ACLED's "Donetsk - Petrovskyi": a city and one of its districts. When the
    gazetteer holds that district within rules.CITY_DISTRICT_KM of the city, the
    place is the district (precision 2, the span both names); the district's word
    alone names nothing else (issue 12). ``places`` are in text order."""
    out = list(places)
    starts = [p.start for p in places]
    for k, p in enumerate(places):
        if p.role != "place" or p.kind != "city":
            continue
        m = rules.CITY_DISTRICT.match(text, p.end)
        if m is None:
            continue
        district = _district_of(gaz, p.index, m.group(1))
        if district < 0:
            continue
        kind = gaz.place(district).kind
        for j in range(bisect_left(starts, m.start()), bisect_left(starts, m.end())):
            out[j] = dataclasses.replace(out[j], role="part")
        out[k] = EventPlace(p.start, m.end(), district, kind, "place", 2, p.confidence)
    return out


def _district_of(gaz, city: int, word: str) -> int:
    """The gazetteer's district ``word`` of ``city`` ("Petrovskyi" of Donetsk: the
    Petrovsky District), the best match within rules.CITY_DISTRICT_KM, or -1."""
    at = gaz.place(city)
    found = gaz.lookup(f"{word} District", limit=20)
    if found.empty:
        return -1
    near = found[found["kind"].isin(["admin2", "admin3", "city"])]
    d = nearest_km(near["latitude"].to_numpy(), near["longitude"].to_numpy(),
                   np.array([at.latitude]), np.array([at.longitude]))  # fmt: skip
    near = near[(d <= rules.CITY_DISTRICT_KM) & (near["name"] != at.name)]
    if near.empty:
        return -1
    best = near.iloc[0]
    ids = gaz.place_ids(best["name"], kind=best["kind"], country=best["country_code"] or None)
    return next((int(i) for i in ids if gaz.place(int(i)).latitude == best["latitude"]), -1)
