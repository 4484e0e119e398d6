"""Namesakes: candidate places in, the batch's pull on each and which are city-divisions out."""

from __future__ import annotations

import numpy as np

from .._gazetteer.sources import KINDS
from . import rules
from .candidates import POINT_LIKE, CandidateFinder
from .records import GRID_DEGREES, Hit

__all__ = ["batch_pull", "city_divisions", "prefer_own_names", "remembered"]

_CITY = KINDS.index("city")
_ADMIN1 = KINDS.index("admin1")
# how well a name matched, best first (sources.Q_*: primary, curated, alias, alternate,
# other script, weak); curated names and aliases are statements of equal standing
_QUALITY_RANK = np.array([0, 0, 0, 1, 2, 3])


def batch_pull(finder: CandidateFinder, hit: Hit, static: np.ndarray, cells: dict,
               qual: tuple[int, int, int] | None = None) -> np.ndarray:  # fmt: skip
    """The batch's pull on each candidate of ``hit``, in logit units.

    rules.BATCH_NEAR_WEIGHT x log(1 + the places that earlier reports of the batch named
    with confidence within a grid cell of the candidate: ``cells``, see
    :class:`BatchPrior`), for the namesakes only: point-like candidates (a town, not a
    region; a station or a site only where no town of rules.BATCH_SITE_TOWN people
    bears the name) known by that name or by it as a former name ("Chervone", now Vysoke). No
    pull when the name's likeliest reading out of context (``static``, the candidates'
    document-free scores) is a town of rules.BATCH_TOWN_FLOOR people or more:
    "Mykolaiv" is the city however many events the batch has near a Mykolaivka that
    once bore the name. With a qualifier (``qual``: country, division, twin division),
    only namesakes inside the region it names are pulled.
    """
    places = hit.places
    out = np.zeros(len(places))
    top = int(places[int(np.argmax(static))])
    if finder.kind[top] == _CITY and finder.pop[top] >= rules.BATCH_TOWN_FLOOR:
        return out
    # where a town of some size bears the name, a metro station or a farm named like it
    # is no namesake the batch should pull ("Slavutych": the town, not the Kyiv station)
    kinds = finder.kind[places]
    pullable = POINT_LIKE[kinds]
    if ((kinds == _CITY) & (finder.pop[places] >= rules.BATCH_SITE_TOWN)).any():
        pullable = kinds == _CITY
    if qual is not None and qual[1] >= 0:  # the text's region bounds the pull
        pullable = (
            pullable
            & (finder.country[places] == qual[0])
            & ((finder.admin1[places] == qual[1]) | (finder.admin1[places] == qual[2]))
        )
    namesakes = np.flatnonzero(pullable & (_QUALITY_RANK[hit.quality] <= 1))
    if not len(namesakes):
        return out
    lat = np.floor(finder.lat[places] / GRID_DEGREES).astype(np.int64)
    lon = np.floor(finder.lon[places] / GRID_DEGREES).astype(np.int64)
    get = cells.get
    for i in namesakes:
        a, b = int(lat[i]), int(lon[i])
        out[i] = sum(get((a + da, b + db), 0.0) for da in (-1, 0, 1) for db in (-1, 0, 1))
    return rules.BATCH_NEAR_WEIGHT * np.log1p(out)


def city_divisions(finder: CandidateFinder, places: np.ndarray) -> np.ndarray:
    """Which of ``places`` are a city that is a first-level division of its own (Kyiv,
    Sevastopol) while another division of its name surrounds it: "the Kyiv region" is
    Kyiv Oblast. Such a division bears exactly the name of a city candidate. All false
    when every division candidate would go."""
    kinds = finder.kind[places]
    admin = np.flatnonzero(kinds == _ADMIN1)
    out = np.zeros(len(places), dtype=bool)
    if len(admin) < 2 or not (kinds == _CITY).any():
        return out
    place = finder.gazetteer.place
    city_names = {place(int(b)).name for b in places[kinds == _CITY]}
    for i in admin:
        out[i] = place(int(places[i])).name in city_names
    return out if not out[admin].all() else np.zeros(len(places), dtype=bool)


def prefer_own_names(finder: CandidateFinder, m, qual: tuple[int, int, int]) -> None:
    """In the region a qualifier names, a place called by that name beats one that only
    bore it once or is called so in another script: "Oleksandrivka, Donetsk" is the
    village Oleksandrivka, not the city of Donetsk that an old name of one of its parts
    matches (issue 12). Candidates outside the region are left to the resolver."""
    hit = m.hit
    p, q = hit.places, hit.quality
    if len(p) < 2:
        return
    if hit.own is None:
        hit.own = {}
    if qual not in hit.own:
        inside = (finder.country[p] == qual[0]) & (
            (finder.admin1[p] == qual[1]) | (finder.admin1[p] == qual[2])
        )
        own = inside & (_QUALITY_RANK[q] == 0)
        drop = inside & ~own if own.any() else np.zeros(len(p), dtype=bool)
        if inside.any():
            # "Makiivka, Luhansk" is no slip for the city of Makiivka in another region:
            # a large town is named with its own region
            drop |= ~inside & (finder.kind[p] == _CITY) & (finder.pop[p] >= rules.BATCH_TOWN_FLOOR)
        keep = Hit(p[~drop], q[~drop], hit.tier, hit.role) if drop.any() else hit
        hit.own[qual] = keep
    m.hit = hit.own[qual]


def own_qualified(mentions, keys: list[str], quals: list) -> list:
    """The qualifiers of a text's mentions, with the text's own: a name the text
    qualifies once ("near Komyshivka, Donetsk region") keeps that region where the text
    names it bare ("a house in Komyshivka was damaged"), however few its namesakes: one
    report means one place by one name."""
    own: dict[str, tuple] = {}
    for m, key, qual in zip(mentions, keys, quals, strict=True):
        if qual is not None and qual[1] >= 0 and m.hit is not None:
            own.setdefault(key, qual)
    if not own:
        return quals
    return [
        own[key] if qual is None and key in own and m.hit is not None
        and m.hit.role != "adjectival" else qual
        for m, key, qual in zip(mentions, keys, quals, strict=True)
    ]  # fmt: skip


def remembered(names: dict, mentions, keys: list[str], quals: list) -> list:
    """The qualifiers of a text's mentions, with those the batch remembers: a name a
    report of the batch qualified ("Andriivka village in Kyiv Oblast") keeps that region
    when later reports name it bare and it is ambiguous ("Damaged houses in
    Andriivka"); a name qualified here is remembered (issue 12). ``names`` (see
    :class:`BatchPrior`) is updated in place."""
    out = list(quals)
    for k, (m, key, qual) in enumerate(zip(mentions, keys, quals, strict=True)):
        if m.hit is None or m.hit.role == "adjectival":
            continue
        if qual is not None and qual[1] >= 0:
            if len(names) >= rules.REMEMBERED_NAMES:
                names.clear()
            names[key] = qual
        elif qual is None and len(m.hit.places) > 1 and key in names:
            out[k] = names[key]
    return out
