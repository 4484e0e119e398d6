"""Country views of occupied areas: recognised borders by default, de facto control on request.

Every events frame geoevents makes or reads names, in ``country`` and
``country_code``, the country whose internationally recognised borders hold the event
(the *de jure* view): an event in Simferopol, Sevastopol, Donetsk or Luhansk is in
Ukraine, whatever its date, as GeoNames (the gazetteer), ACLED and UCDP GED give it.
:func:`control_view` gives the other view on request, and can turn a frame back:

* **de facto**: events in a unit that another state holds whole (Crimea and
  Sevastopol, held by Russia since 2014-03-18: ``geoevents/data/occupied_units.csv``,
  each row with its reason) and events inside the user's own dated areas of control
  (through :func:`geoevents.events_in_areas`) get the controlling state;
* **de jure**: the recognised country back, including for rows that a dataset had
  labelled by control.

Nothing is changed silently: the other view's country stays beside the chosen one
(``country_de_jure``/``country_code_de_jure`` in the de facto view,
``country_de_facto``/``country_code_de_facto`` in the de jure view) and
``control_rule`` names, for each row whose views differ or whose country the call
changed, the rule that decided it. ``admin1`` is never changed: Crimea is
"Avtonomna Respublika Krym" and Sevastopol "Sevastopol" (GeoNames' names) in both
views.

Why not Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts as units: Russia has held
only parts of them, a line that moved month by month (Kherson city was retaken in
November 2022), so no rule by name can tell; dated areas of control can.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from typing import NamedTuple

import numpy as np

from ._errors import InvalidInputError
from ._frames import cell_text, checked_frame, frame_days, is_missing, short_repr
from ._validate import checked_flag

__all__ = [
    "RULE_COLUMN",
    "UNITS_FILE",
    "VIEWS",
    "Unit",
    "control_view",
    "country_of",
    "name_key",
    "occupied_units",
]

VIEWS = ("de_jure", "de_facto")
# the table of units held whole by a state other than the one whose borders hold them
UNITS_FILE = "occupied_units.csv"
# the column that says which rule decided a row's country (missing where none did)
RULE_COLUMN = "control_rule"
# the columns each view adds: the other view's country, name and code
_OTHER = {
    "de_facto": ("country_de_jure", "country_code_de_jure"),
    "de_jure": ("country_de_facto", "country_code_de_facto"),
}
_FOLD = str.maketrans({"'": "", "’": "", "ʼ": "", "`": "", "-": " ", "‐": " ", "_": " "})


class Unit(NamedTuple):
    """One row of :data:`UNITS_FILE`: a first-level unit that one state holds whole."""

    unit: str  # its short name ("Crimea")
    admin1: str  # the name geoevents gives it in ``admin1`` (GeoNames')
    iso_3166_2: str  # its ISO 3166-2 code ("UA-43")
    keys: frozenset  # the spellings that name it, as :func:`name_key` folds them
    de_jure: str  # ISO alpha-2 code of the country whose recognised borders hold it
    de_facto: str  # ... and of the country that holds it in fact from ``since``
    since: dt.date
    reason: str


def name_key(text) -> str:
    """A name as the units table matches it: case, apostrophes, hyphens and runs of
    spaces folded ("Sevastopol’ City" and "sevastopol city" are one key).

    >>> name_key("  Avtonomna  Respublika-Krym ")
    'avtonomna respublika krym'
    """
    return " ".join(str(text).translate(_FOLD).casefold().split())


@functools.lru_cache(maxsize=1)
def occupied_units() -> tuple[Unit, ...]:
    """The rows of :data:`UNITS_FILE`, read once.

    >>> [(u.unit, u.de_jure, u.de_facto, str(u.since)) for u in occupied_units()]
    [('Crimea', 'UA', 'RU', '2014-03-18'), ('Sevastopol', 'UA', 'RU', '2014-03-18')]
    """
    from importlib import resources

    text = resources.files("geoevents").joinpath("data", UNITS_FILE).read_text("utf-8")
    return tuple(
        Unit(row["unit"], row["admin1"], row["iso_3166_2"],
             frozenset(name_key(n) for n in row["names"].split("|") if n.strip()),
             row["de_jure_code"], row["de_facto_code"],
             dt.date.fromisoformat(row["since"]), row["reason"])
        for row in csv.DictReader(io.StringIO(text))
    )  # fmt: skip


@functools.lru_cache(maxsize=1)
def _country_table() -> tuple[dict[str, str], dict[str, str]]:
    """Alpha-2 code -> GeoNames' country name, and folded name -> code."""
    from ._countries import countries

    data = countries()
    return ({code: row["name"] for code, row in data.items()},
            {name_key(row["name"]): code for code, row in data.items()})  # fmt: skip


def country_of(value, where: str) -> tuple[str, str] | None:
    """A country given as an ISO alpha-2 code ("RU") or GeoNames' name ("Russia") as
    (name, code); ``None`` for an empty cell; refused, naming ``where``, otherwise.

    >>> country_of(" ru", "areas"), country_of("Ukraine", "areas")
    (('Russia', 'RU'), ('Ukraine', 'UA'))
    """
    if is_missing(value):
        return None
    text = str(value).strip()
    if not text:
        return None
    names, codes = _country_table()
    code = text.upper() if text.upper() in names else codes.get(name_key(text))
    if code is None:
        raise InvalidInputError(f"{where}: {short_repr(value)} is not a country (give an ISO 3166 "
                                "alpha-2 code such as 'RU', or a country's name such as "
                                "'Russia'; leave the cell empty for an area no state "
                                "holds)")  # fmt: skip
    return names[code], code


# ------------------------------------------------------------------ the rules


class _Views(NamedTuple):
    """Each row's country in both views (object arrays, None where unknown) and the
    rule that decided it."""

    jure_name: np.ndarray
    jure_code: np.ndarray
    facto_name: np.ndarray
    facto_code: np.ndarray
    rule: np.ndarray


def _texts(frame, column: str) -> np.ndarray:
    """A column as an object array of str, None where missing or blank (a list or a
    dict in a cell is its text)."""
    out = np.full(len(frame), None, dtype=object)
    if column not in frame.columns:
        return out
    values = frame[column]
    cells = values.to_numpy(dtype=object)
    for i in np.flatnonzero(values.notna().to_numpy()):  # pandas' test: a list is a value
        text = cell_text(cells[i])
        out[i] = text if text is not None and text.strip() else None
    return out


def _given_views(events) -> _Views:
    """Both views as the frame gives them: an earlier call's columns, else its country."""
    name, code = _texts(events, "country"), _texts(events, "country_code")
    rule = _texts(events, RULE_COLUMN)
    jure_cols, facto_cols = _OTHER["de_facto"], _OTHER["de_jure"]
    if all(c in events.columns for c in jure_cols):  # a de facto frame
        jure = (_texts(events, jure_cols[0]), _texts(events, jure_cols[1]))
        return _Views(*jure, name, code, rule)
    if all(c in events.columns for c in facto_cols):  # a de jure frame
        facto = (_texts(events, facto_cols[0]), _texts(events, facto_cols[1]))
        return _Views(name, code, *facto, rule)
    return _Views(name, code, name.copy(), code.copy(), rule)


def _event_days(events, date: str) -> tuple[np.ndarray, np.ndarray]:
    """(day number, dated) of each event's ``date`` column; a given value that is no
    date is left undated with a warning."""
    import warnings

    from ._areas import callers_level
    from ._errors import GeoEventsWarning

    if not isinstance(date, str) or date not in events.columns:
        raise InvalidInputError(f"date={date!r} is not a column of events (columns: "
                                f"{', '.join(map(str, events.columns))}): name the column of "
                                "event dates with date=, or pass annexed=False and no "
                                "areas to leave out the rules that need dates")  # fmt: skip
    days, dated, unreadable = frame_days(events, date, "events")
    if unreadable:
        warnings.warn(f"{unreadable} event(s) have a {date} that is not a date: their de "
                      "facto country is left as given", GeoEventsWarning,
                      stacklevel=callers_level())  # fmt: skip
    return days, dated


def _apply_units(events, views: _Views, date: str) -> None:
    """The table's rule, in place: a row whose ``admin1`` (or, where that is empty, whose
    ``location``) names a unit, and whose country code is the unit's de jure or de
    facto one or empty (a "Sevastopol" elsewhere is another place), gets the unit's de
    jure country, and its de facto one from the unit's day on (before it: the de jure
    one; no date: as given)."""
    if "admin1" not in events.columns and "location" not in events.columns:
        raise InvalidInputError("events has neither an 'admin1' nor a 'location' column, "
                                "which the rule for Crimea and Sevastopol reads (pass "
                                "annexed=False to leave that rule out)")  # fmt: skip
    import pandas as pd

    days, dated = _event_days(events, date)
    given_code = _texts(events, "country_code")
    admin1, location = _texts(events, "admin1"), _texts(events, "location")
    names = np.where(admin1 == None, location, admin1)  # noqa: E711 - elementwise
    units = occupied_units()
    which = {key: i for i, unit in enumerate(units) for key in unit.keys}
    codes, distinct = pd.factorize(names)  # each distinct name folded once
    unit_of = np.array([which.get(name_key(n), -1) for n in distinct] + [-1], dtype=int)[codes]
    countries, _ = _country_table()
    for i, unit in enumerate(units):
        here = (unit_of == i) & np.isin(given_code, [unit.de_jure, unit.de_facto, None])
        since = (unit.since - dt.date(1970, 1, 1)).days
        views.jure_name[here], views.jure_code[here] = countries[unit.de_jure], unit.de_jure
        after, before = here & dated & (days >= since), here & dated & (days < since)
        views.facto_name[after], views.facto_code[after] = countries[unit.de_facto], unit.de_facto
        views.facto_name[before], views.facto_code[before] = countries[unit.de_jure], unit.de_jure
        views.rule[here] = (f"{unit.unit} ({unit.iso_3166_2}): {countries[unit.de_jure]} by "
                            f"law, {countries[unit.de_facto]} in fact from {unit.since} "
                            f"({UNITS_FILE})")  # fmt: skip


def _apply_areas(events, areas, views: _Views, controller, start, end, date) -> None:
    """The user's areas of control, in place: an event that an area held on its date
    (the latest area, as :func:`events_in_areas` chooses) gets the area's controller as
    its de facto country; an area whose controller cell is empty changes nothing."""
    import geopandas as gpd

    from ._areas import held_by

    if isinstance(areas, gpd.GeoDataFrame) and (not isinstance(controller, str)
                                                or controller not in areas.columns):  # fmt: skip
        raise InvalidInputError(f"controller={controller!r} is not a column of areas "
                                f"(columns: {', '.join(map(str, areas.columns))}): name the "
                                "column that gives the country holding each area")  # fmt: skip
    held = held_by(events, areas, label=controller, start=start, end=end, date=date)
    holders = [country_of(v, f"areas, row {areas.index[i]!r}, column {controller!r}")
               for i, v in enumerate(held.areas.labels.to_numpy(dtype=object))]  # fmt: skip
    # one entry per area and a last one for "no area" (position -1)
    names = np.array([h and h[0] for h in holders] + [None], dtype=object)[held.chosen]
    codes = np.array([h and h[1] for h in holders] + [None], dtype=object)[held.chosen]
    said = [h and f"areas, row {areas.index[i]!r}: {controller} {h[0]}"
            for i, h in enumerate(holders)]  # fmt: skip
    rules = np.array([*said, None], dtype=object)[held.chosen]
    taken = held.rows[codes != None]  # noqa: E711 - elementwise, on objects
    keep = codes != None  # noqa: E711
    views.facto_name[taken], views.facto_code[taken] = names[keep], codes[keep]
    views.rule[taken] = rules[keep]


# ------------------------------------------------------------------ public


def control_view(events, view="de_facto", *, areas=None, controller="controller",
                 start="valid_from", end="valid_to", annexed=True, date="event_date"):  # fmt: skip
    """Events with ``country`` by de facto control, or back by recognised borders.

    geoevents' frames name the country whose internationally recognised borders hold
    each event (ACLED and UCDP GED do the same): events in Crimea, Sevastopol and
    occupied Donbas are in Ukraine. This gives the de facto view on request, and turns
    any frame (one of its own, or a dataset's that labels by control) to either view.

    Parameters
    ----------
    events : GeoDataFrame or DataFrame
        Events with ``country``, ``country_code`` and ``event_date``, and ``admin1``
        or ``location`` for the table's rule (``extract_events``, ``read_acled``,
        ``read_ucdp`` give them all). Not modified.
    view : {"de_facto", "de_jure"}, default "de_facto"
        Which country ``country``/``country_code`` give.
    areas : GeoDataFrame, optional
        Your own dated areas of control (as for :func:`events_in_areas`), with the
        holding country in column ``controller`` (an ISO alpha-2 code or a country name;
        empty: no state holds it, nothing changes). An event an area held on its date
        takes that country in the de facto view; where areas overlap the one that began
        last counts. Areas come before the table.
    controller : str, default "controller"
        The column of ``areas`` with the holding country.
    start, end : str or None, default "valid_from", "valid_to"
        The columns of ``areas`` with each area's first and last day (see
        :func:`events_in_areas`).
    date : str, default "event_date"
        The column of ``events`` with each event's date (a value that is no date leaves
        the row's de facto country as given, with a warning).
    annexed : bool, default True
        Apply the table of units held whole (``geoevents/data/occupied_units.csv``):
        Crimea and Sevastopol, Ukraine's by law and Russia's in fact from 2014-03-18.
        A row is in a unit when its ``admin1`` (where that is empty: its
        ``location``) is one of the unit's spellings there ("Avtonomna Respublika
        Krym", "Autonomous Republic of Crimea", "Crimea", "Sevastopol City", …,
        compared without case), and its country code is the unit's (or empty). An
        event without a date keeps its de facto country as given.

    Returns
    -------
    GeoDataFrame or DataFrame
        A copy of ``events`` with ``country`` and ``country_code`` in the chosen view,
        the other view's beside them (``country_de_jure`` and ``country_code_de_jure``,
        or ``country_de_facto`` and ``country_code_de_facto``), and ``control_rule``:
        for each row whose two views differ, or whose country this call changed, the
        rule that decided it; missing for the others. ``admin1`` is not changed.
        A frame an earlier call made can be given again: its other view's columns are
        read back, so views can be switched to and fro.

    Examples
    --------
    >>> import pandas as pd
    >>> events = pd.DataFrame({"event_date": pd.to_datetime(["2013-06-01", "2023-06-01",
    ...     "2023-06-01"]), "admin1": ["Avtonomna Respublika Krym", "Sevastopol",
    ...     "Kharkivska oblast"], "country": "Ukraine", "country_code": "UA"})
    >>> de_facto = control_view(events)
    >>> de_facto[["country", "country_de_jure"]].values.tolist()
    [['Ukraine', 'Ukraine'], ['Russia', 'Ukraine'], ['Ukraine', 'Ukraine']]
    >>> de_facto["control_rule"].notna().tolist()
    [False, True, False]
    >>> control_view(de_facto, "de_jure")["country"].tolist()
    ['Ukraine', 'Ukraine', 'Ukraine']
    """
    import pandas as pd

    if not isinstance(events, pd.DataFrame):
        raise InvalidInputError(f"events must be a DataFrame or GeoDataFrame of events, not "
                                f"{type(events).__name__}")  # fmt: skip
    checked_frame(events, "events")
    if not isinstance(view, str) or view not in VIEWS:
        raise InvalidInputError(f"view must be one of {', '.join(VIEWS)}, not "
                                f"{short_repr(view)}")  # fmt: skip
    annexed = checked_flag("annexed", annexed)
    missing = [c for c in ("country", "country_code") if c not in events.columns]
    if missing:
        raise InvalidInputError(f"events has no {' or '.join(map(repr, missing))} column, "
                                "which control_view sets")  # fmt: skip
    views = _given_views(events)
    if annexed:
        _apply_units(events, views, date)
    if areas is not None:
        _apply_areas(events, areas, views, controller, start, end, date)
    return _framed(events, view, views)


def _framed(events, view: str, views: _Views):
    """A copy of ``events`` with ``view``'s country, the other view's and the rule."""
    chosen = (views.facto_name, views.facto_code) if view == "de_facto" else (
        views.jure_name, views.jure_code)  # fmt: skip
    other = (views.jure_name, views.jure_code) if view == "de_facto" else (
        views.facto_name, views.facto_code)  # fmt: skip
    given = (_texts(events, "country"), _texts(events, "country_code"))
    changed = _differ(chosen, given) | _differ(chosen, other)
    rule = np.where(changed, views.rule, None)
    rule[changed & np.array([r is None for r in rule], dtype=bool)] = "as given"
    drop = [c for c in (*_OTHER["de_facto"], *_OTHER["de_jure"], RULE_COLUMN)
            if c in events.columns]  # fmt: skip
    out = events.drop(columns=drop)
    out["country"] = _like(chosen[0], events["country"])
    out["country_code"] = _like(chosen[1], events["country_code"])
    at = list(out.columns).index("country_code") + 1
    out.insert(at, _OTHER[view][0], _like(other[0], events["country"]))
    out.insert(at + 1, _OTHER[view][1], _like(other[1], events["country_code"]))
    out.insert(at + 2, RULE_COLUMN, _like(rule, events["country"]))
    return out


def _differ(a: tuple, b: tuple) -> np.ndarray:
    """Where the (name, code) pairs ``a`` and ``b`` differ, by row."""
    return np.array([x != y or u != v for x, u, y, v in zip(*a, *b, strict=True)], dtype=bool)


def _like(values: np.ndarray, model):
    """``values`` as a column with ``model``'s text dtype (object when it has none)."""
    import pandas as pd

    column = pd.Series(values, index=model.index, dtype=object)
    if pd.api.types.is_string_dtype(model.dtype) and model.dtype != object:
        return column.astype(model.dtype)
    return column
