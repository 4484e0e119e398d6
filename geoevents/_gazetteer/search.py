"""Candidate search: a name (and filters) in, ranked tiers of gazetteer places out.

The ranking every public look-up shares: exact keys before folded keys before fuzzy
matches, then the places' prominence, the quality of the matched name and the
place-type hint the name carries ("Kherson region" prefers the oblast).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._countries import country_code
from .._errors import InvalidInputError
from . import keys as _text
from .index import Index
from .sources import KINDS

__all__ = ["QUALITY_BONUS", "Tier", "as_set", "country_codes", "ranked", "tiers"]

# Ranking, in log10-population units (see _build.KIND_BONUS for the static part).
# A curated alias is a deliberate statement that the name means this place, so it
# outranks the same name found among a place's GeoNames alternates.
QUALITY_BONUS = np.array([0.0, 1.0, 0.0, -0.1, -0.2, -1.5], dtype=np.float32)
_HINT_BONUS = {
    "admin": {"admin1": 2.5, "admin2": 2.5, "admin3": 2.5, "region": 1.0, "city": -1.0},
    "city": {"city": 1.0, "admin1": -1.0, "admin2": -1.0, "admin3": -1.0},
}
_TIER_WEIGHT = {"exact": 1.0, "folded": 0.9, "fuzzy": 0.8}
_FUZZY_CUTOFF = 80.0
_FUZZY_POINTS_PER_UNIT = 7.0  # one edit in a short name ~ a factor 10 in population


class Tier(NamedTuple):
    label: str
    places: np.ndarray
    rank: np.ndarray  # adjusted prior, higher is better
    weight: np.ndarray  # tier weight per candidate (fuzzy: scaled by ratio)


def _items(value) -> tuple | None:
    """A str, or any iterable of values, as a tuple; None when ``value`` is neither."""
    try:
        return (value,) if isinstance(value, str) else tuple(value)
    except TypeError:
        return None


def as_set(value, what: str, valid=None) -> tuple[str, ...] | None:
    """``value`` (a str or a list of them, each one of ``valid``) as a tuple; None for None."""
    if value is None:
        return None
    items = _items(value)
    if items is None:
        raise InvalidInputError(f"{what} must be a str or a list of str, not {value!r}"[:200])
    if not items or not all(isinstance(item, str) for item in items):
        raise InvalidInputError(f"{what} must be a str or a non-empty list of str, not "
                                f"{value!r}"[:200])  # fmt: skip
    for item in items:
        if valid is not None and item not in valid:
            raise InvalidInputError(f"{what} {item!r} is not one of {', '.join(valid)}")
    return items


def country_codes(value, index: Index | None = None) -> tuple[str, ...] | None:
    """``country=`` of a look-up (an ISO 3166 alpha-2 code or a list of them) as a tuple
    of upper-case codes, None for None: each must be a country GeoNames lists, or one
    that places of ``index`` bear (a user's own code); refused otherwise, naming it."""
    if value is None:
        return None
    items = _items(value) or ()
    if not items or not all(isinstance(item, str) for item in items):
        raise InvalidInputError(f"country must be an ISO 3166 alpha-2 code or a non-empty list "
                                f"of them ('UA' or ['UA', 'MD']), not {value!r}"[:200])  # fmt: skip
    held = None if index is None else index.holds_country
    return tuple(country_code(c, "country", held=held) for c in items)


def tiers(index: Index, name: str, country, kind, *, all_tiers: bool, fuzzy: bool = True,
          ) -> list[Tier]:  # fmt: skip
    """The candidate places of ``name``, tier by tier (exact, folded, fuzzy), each
    filtered by ``country`` and ``kind`` and ranked; only the first tier that finds
    anything unless ``all_tiers``; fuzzy only when nothing else matches and ``fuzzy``."""
    countries = country_codes(country, index)  # checked even when the name is blank
    kinds = as_set(kind, "kind", KINDS)
    ek = _text.exact_key(name)
    if not ek:
        return []
    if countries is not None:
        country_ids = np.array([index.string_id(c) for c in countries], dtype=np.int32)
    if kinds is not None:
        kind_ids = np.array([KINDS.index(k) for k in kinds], dtype=np.uint8)

    words = ek.split()
    # folding is only needed for its place-type hint ("Kherson region") or when the
    # exact key finds nothing
    folded = (
        _text.fold(ek, is_exact_key=True)
        if len(words) > 1 and (words[-1] in _text.PLACE_TYPE_WORDS or words[0] in
                               _text.PLACE_TYPE_WORDS or words[0] == "the")
        else None
    )  # fmt: skip
    hint = _HINT_BONUS.get(folded.hint) if folded is not None and folded.hint else None

    def make(label, places, quality, ratio=None) -> Tier | None:
        if countries is not None and len(places):
            keep = np.isin(index.country[places], country_ids)
            places, quality = places[keep], quality[keep]
            if ratio is not None:
                ratio = ratio[keep]
        if kinds is not None and len(places):
            keep = np.isin(index.kind[places], kind_ids)
            places, quality = places[keep], quality[keep]
            if ratio is not None:
                ratio = ratio[keep]
        if not len(places):
            return None
        rank = index.prior[places] + QUALITY_BONUS[quality]
        if hint:
            kind_codes = index.kind[places]
            for kname, bonus in hint.items():
                rank = rank + np.where(kind_codes == KINDS.index(kname), bonus, 0.0)
        weight = np.full(len(places), _TIER_WEIGHT[label])
        if ratio is not None:
            rank = rank + (ratio - 100.0) / _FUZZY_POINTS_PER_UNIT
            weight = weight * ratio / 100.0
        # one row per place: keep its best-ranked posting
        order = np.lexsort((-rank, places))
        places, rank, weight = places[order], rank[order], weight[order]
        first = np.r_[True, places[1:] != places[:-1]]
        return Tier(label, places[first], rank[first], weight[first])

    tiers: list[Tier] = []
    seen = np.zeros(0, dtype=np.int32)
    exact = make("exact", *index.exact.get(ek))
    if exact is not None:
        tiers.append(exact)
        seen = exact.places
        if not all_tiers:
            return tiers
    if folded is None:
        folded = _text.fold(ek, is_exact_key=True)
    parts = [index.folded.get(k) for k in folded.keys]
    if parts:
        places = np.concatenate([p for p, _ in parts])
        quality = np.concatenate([q for _, q in parts])
        if len(seen):
            keep = ~np.isin(places, seen)
            places, quality = places[keep], quality[keep]
        tier = make("folded", places, quality)
        if tier is not None:
            tiers.append(tier)
    if tiers or not fuzzy:
        return tiers
    places_l, quality_l, ratio_l = [], [], []
    for key in folded.keys:
        for fkey, ratio in index.fuzzy(key, cutoff=_FUZZY_CUTOFF):
            p, q = index.folded.get(fkey)
            places_l.append(p)
            quality_l.append(q)
            ratio_l.append(np.full(len(p), ratio))
    if places_l:
        tier = make(
            "fuzzy",
            np.concatenate(places_l),
            np.concatenate(quality_l),
            np.concatenate(ratio_l),
        )
        if tier is not None:
            tiers.append(tier)
    return tiers


def ranked(tiers: list[Tier]):
    """Yield (place, score, label) best first: tier order, then rank."""
    for tier in tiers:
        order = np.argsort(-tier.rank, kind="stable")
        shares = np.power(10.0, tier.rank - tier.rank.max())
        shares = shares / shares.sum()
        scores = tier.weight * shares
        for i in order:
            yield int(tier.places[i]), float(scores[i]), tier.label
