"""The fitted models: one loader for the weight files in ``geoevents/data``, weights by name.

Each stage defines its model's features by name, in one tuple (``RESOLVER_FEATURES``,
``LOCATOR_FEATURES``...); a weight file (JSON) names the feature of every weight, and
the loader lines the weights up with the stage's tuple, refusing a file that weighs a
feature the stage does not compute. Code reads columns by name (``cols.prior``), never
by position, so a weight can only ever meet the feature it was fitted for.

Examples
--------
>>> model = load_model("stand_in", ("log_dist_center", "share", "partial", "qualified",
...     "prior", "log_cluster", "log_context", "cluster_share", "fuzzy"))
>>> model.weight("share") < 0, model.settings["cluster_km"]
(True, 250.0)
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from types import SimpleNamespace

import numpy as np

from ._errors import GeoEventsError

__all__ = ["LinearModel", "columns", "load_model"]


class LinearModel:
    """A fitted linear model: ``bias`` plus one weight per named feature.

    ``weights`` is an array in the order of ``features``; ``by_name`` the same weights
    as a dict (for features given as a dict); ``settings`` the file's other numbers
    (a threshold, a floor, a radius).
    """

    def __init__(self, name: str, features, weights: dict, bias: float = 0.0,
                 settings: dict | None = None) -> None:  # fmt: skip
        features = tuple(features)
        unknown = sorted(set(weights) - set(features))
        if unknown:
            raise GeoEventsError(f"the {name} model weighs features its stage does not compute: "
                                 f"{unknown}")  # fmt: skip
        self.name = name
        self.features = features
        self.by_name = {f: float(w) for f, w in weights.items()}
        self.weights = np.array([float(weights.get(f, 0.0)) for f in features])
        self.bias = float(bias)
        self.settings = dict(settings or {})

    def weight(self, feature: str) -> float:
        """The weight of one feature (0 when the file gives none)."""
        return float(self.weights[self.features.index(feature)])

    def __repr__(self) -> str:
        return f"<LinearModel {self.name}: {len(self.features)} features>"


def columns(features) -> SimpleNamespace:
    """Column numbers by feature name: ``columns(("a", "b")).b == 1``."""
    return SimpleNamespace(**{f: i for i, f in enumerate(features)})


@functools.cache
def _read(name: str) -> dict:
    path = resources.files("geoevents").joinpath("data", f"{name}.json")
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:  # pragma: no cover - a broken installation
        raise GeoEventsError(f"cannot read the {name} model ({exc}); reinstall geoevents") from exc


def load_model(name: str, features) -> LinearModel:
    """The model fitted into ``geoevents/data/<name>.json``, weights lined up with
    ``features`` (the stage's own definition of them)."""
    data = _read(name)
    settings = {k: v for k, v in data.items() if k not in ("weights", "bias", "about")}
    return LinearModel(name, features, data["weights"], data.get("bias", 0.0), settings)
