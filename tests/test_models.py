"""The fitted models (``geoevents._models``): weight files read by feature name, lined up
with each stage's own definition of its features, and refused when they weigh a
feature the stage does not compute."""

from __future__ import annotations

import numpy as np
import pytest

from geoevents._errors import GeoEventsError
from geoevents._events.locate import LOCATOR_FEATURES
from geoevents._geoparse.recognise import RECOGNISER_FEATURES
from geoevents._geoparse.resolve import RESOLVER_FEATURES
from geoevents._geoparse.stand_ins import STAND_IN_FEATURES
from geoevents._models import LinearModel, columns, load_model

SHIPPED = [
    ("recognizer", RECOGNISER_FEATURES, "threshold"),
    ("resolver", RESOLVER_FEATURES, None),
    ("stand_in", STAND_IN_FEATURES, "cluster_km"),
    ("locator", LOCATOR_FEATURES, "floor"),
]


@pytest.mark.parametrize(("name", "features", "setting"), SHIPPED, ids=[s[0] for s in SHIPPED])
def test_every_shipped_model_loads_with_the_features_its_stage_computes(name, features, setting):
    model = load_model(name, features)
    assert set(model.by_name) <= set(features)
    assert model.weights.tolist() == [model.by_name.get(f, 0.0) for f in features]
    assert np.isfinite(model.weights).all() and np.isfinite(model.bias)
    if setting is not None:
        assert np.isfinite(model.settings[setting])
    assert not {"weights", "bias", "about"} & set(model.settings)


def test_a_file_weighing_a_feature_the_stage_does_not_compute_is_refused():
    fewer = tuple(f for f in RESOLVER_FEATURES if f != "log_dist")
    with pytest.raises(GeoEventsError, match=r"resolver model .*\['log_dist'\]"):
        load_model("resolver", fewer)
    with pytest.raises(GeoEventsError, match=r"\['speed'\]"):
        LinearModel("toy", ("a", "b"), {"a": 1.0, "speed": 2.0})


def test_weights_meet_their_features_whatever_order_the_stage_lists_them_in():
    forward = load_model("stand_in", STAND_IN_FEATURES)
    backward = load_model("stand_in", tuple(reversed(STAND_IN_FEATURES)))
    assert backward.weights.tolist() == forward.weights[::-1].tolist()
    for feature in STAND_IN_FEATURES:
        assert forward.weight(feature) == backward.weight(feature) == forward.by_name[feature]


def test_a_feature_the_file_does_not_weigh_weighs_nothing():
    model = LinearModel("toy", ("a", "b", "c"), {"b": 2.5}, bias=1.0, settings={"floor": -1})
    assert model.weights.tolist() == [0.0, 2.5, 0.0]
    assert (model.weight("a"), model.bias, model.settings) == (0.0, 1.0, {"floor": -1})


def test_columns_are_read_by_name():
    cols = columns(("prior", "quality", "log_dist"))
    assert (cols.prior, cols.quality, cols.log_dist) == (0, 1, 2)
    cols = columns(RESOLVER_FEATURES)
    assert all(getattr(cols, f) == i for i, f in enumerate(RESOLVER_FEATURES))
    x = np.zeros(len(RESOLVER_FEATURES))
    x[cols.log_dist] = 1.0
    model = load_model("resolver", RESOLVER_FEATURES)
    assert x @ model.weights == model.weight("log_dist")  # a column meets its own weight
