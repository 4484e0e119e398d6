"""Stand-ins: given spans far from the text's other places, placed among them when a gate says so.

The text's other places (towns, districts, landmarks; not countries or first-level
divisions) are clustered; a fitted logistic gate (``geoevents/data/stand_in.json``,
features ``STAND_IN_FEATURES``) decides when the main cluster says more about where a
span is than its gazetteer reading does. Such a span is then placed at the cluster's
median point (``Match.stand_in``).
"""

from __future__ import annotations

import math
import statistics

import numpy as np

from .._gazetteer import keys as _text
from .._gazetteer.sources import KINDS
from .._geo import km, pairwise_km
from .._models import load_model
from .candidates import CandidateFinder
from .records import Match
from .sections import context_sections

__all__ = ["STAND_IN_FEATURES", "StandInGate", "StandIns"]

# A place the gazetteer lacks (a hamlet under 500 people, a township) is often named
# among places it has ("a hamlet in Craven district, near Skipton and Settle"). When
# its readings lie far from the main cluster of the text's other places, the gate
# decides whether the cluster says more about where it is than the gazetteer does.
STAND_IN_FEATURES = (
    "log_dist_center", "share", "partial", "qualified", "prior", "log_cluster",
    "log_context", "cluster_share", "fuzzy",
)  # fmt: skip
# kinds of place that make up a cluster (not countries, first-level divisions, continents)
_CLUSTER_KIND = np.array(
    [k in ("admin2", "admin3", "region", "city", "facility", "natural") for k in KINDS]
)


class StandInGate:
    """Logistic gate over ``STAND_IN_FEATURES``: does the cluster of the text's other
    places say more about where a mention is than its gazetteer reading?"""

    def __init__(self, weights: dict[str, float], bias: float, cluster_km: float) -> None:
        unknown = set(weights) - set(STAND_IN_FEATURES)
        if unknown:
            raise ValueError(f"unknown stand-in features: {sorted(unknown)}")
        self.weights = np.array([float(weights.get(f, 0.0)) for f in STAND_IN_FEATURES])
        self.bias = float(bias)
        self.cluster_km = float(cluster_km)

    @classmethod
    def default(cls) -> StandInGate:
        """The gate fitted into ``geoevents/data/stand_in.json``."""
        model = load_model("stand_in", STAND_IN_FEATURES)
        return cls(model.by_name, model.bias, model.settings["cluster_km"])

    def probability(self, feats) -> float:
        z = self.bias + float(np.dot(self.weights, feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class StandIns:
    """Decides which given spans stand for places the gazetteer lacks."""

    def __init__(self, finder: CandidateFinder, gate: StandInGate | None = None) -> None:
        self.gate = gate or StandInGate.default()
        self._kind = finder.kind
        self._prior = finder.prior
        self._lat = finder.lat
        self._lon = finder.lon

    def weigh_chunked(self, text: str, mentions: list[Match], rows=None) -> None:
        """:meth:`weigh` over the sections the resolver reads."""
        for section in context_sections(text, mentions):
            self.weigh(text, section, rows)

    def weigh(self, text: str, mentions: list[Match], rows=None) -> None:
        """Mark the given spans that are better placed by the places around them.

        The text's other places (towns, districts, landmarks; not countries or
        first-level divisions) are clustered: the place with the most others within
        ``cluster_km``, with those others, is the main cluster, and its median point
        stands for a place among them that the gazetteer lacks. A span whose reading
        lies far from that cluster gets the cluster's point when the gate says so
        (``m.stand_in``). ``rows``, a list, receives ``(mention, features, center)``
        for every span weighed (for fitting).

        Only spans a caller gave are weighed: they may name any place, while a
        recognised mention is a gazetteer name by construction. On GeoVirus and
        GeoWebNews, letting the gate weigh recognised mentions as well set a few
        mentions wrong in each fold and almost none right. A span that no gazetteer
        name resembles stays unresolved.
        """
        if not any(m.given for m in mentions):
            return
        gate = self.gate
        # each place once per name that chose it, with how often it is named: a place
        # named ten times is one place, not a cluster
        keys = [_text.exact_key(text[m.start : m.end]) for m in mentions]
        named: dict[tuple[str, int], int] = {}
        for m, key in zip(mentions, keys, strict=True):
            if m.choice >= 0 and m.role == "place" and _CLUSTER_KIND[self._kind[m.choice]]:
                named[key, m.choice] = named.get((key, m.choice), 0) + 1
        if not named:
            return
        pkeys = [k for k, _ in named]
        b = np.fromiter((c for _, c in named), dtype=np.int64, count=len(named))
        times = np.fromiter(named.values(), dtype=np.float64, count=len(named))
        lat, lon = self._lat[b], self._lon[b]
        near = pairwise_km(lat, lon) <= gate.cluster_km
        clusters: dict[str, tuple | None] = {}
        weighed: dict[tuple, tuple] = {}
        for m, key in zip(mentions, keys, strict=True):
            if not m.given:
                continue  # found by the gazetteer: a known place (measured, see above)
            if m.choice < 0:
                continue  # no gazetteer name is like it: nothing says it is a place here
            if m.role != "place" or not _CLUSTER_KIND[self._kind[m.choice]]:
                continue  # a country, a state, an adjective: never an unknown place
            cluster = clusters.get(key, False)
            if cluster is False:
                cluster = clusters[key] = self._cluster(key, pkeys, near, times, lat, lon, b)
            if cluster is None:
                continue
            clat, clon, size, n_context, anchor = cluster
            memo = (key, m.choice, m.share, m.partial, m.qualified, m.hit.tier)
            decided = weighed.get(memo)
            if decided is None:
                dist = km(float(self._lat[m.choice]), float(self._lon[m.choice]), clat, clon)
                feats = (
                    math.log10(1.0 + dist / 10.0),
                    m.share,
                    float(m.partial),
                    float(m.qualified),
                    float(self._prior[m.choice]),
                    math.log1p(size),
                    math.log1p(n_context),
                    size / n_context,
                    float(m.hit.tier >= 2),
                )
                decided = weighed[memo] = (feats, gate.probability(feats))
            feats, p = decided
            if rows is not None:
                rows.append((m, feats, (clat, clon)))
            if p >= 0.5:
                m.stand_in = (clat, clon, anchor, p)

    def _cluster(self, key, pkeys, near, times, lat, lon, b):
        """(lat, lon, size, n_context, anchor) of the main cluster of the places named
        other than ``key``: the place with the most others near it (then the most
        often named, then the first), with those others. ``None`` when there are none."""
        own = np.fromiter((k == key for k in pkeys), dtype=bool, count=len(pkeys))
        if own.all():
            return None
        others = near[:, ~own]
        count = others.sum(axis=1) * 1e6 + others @ times[~own]
        count[own] = -1.0
        i = int(np.argmax(count))
        members = near[i] & ~own
        idx = np.flatnonzero(members)
        la, lo = lat[idx].tolist(), lon[idx].tolist()
        clat, clon = statistics.median(la), statistics.median(lo)
        nearest = min(range(len(idx)), key=lambda j: km(la[j], lo[j], clat, clon))
        return clat, clon, len(idx), int((~own).sum()), int(b[idx[nearest]])

    # ------------------------------------------------- for benchmarks/fit_geoparser.py
