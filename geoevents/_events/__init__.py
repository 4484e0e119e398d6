"""The events stage: reports in, an events GeoDataFrame with ACLED's columns out.

Modules, in the order a report flows through them:

``inputs``
    texts, records and frames of reports, checked (:class:`~.records.Report`);
``lexicon``
    :class:`EventLexicon`: trigger words (what happened) and actor names, as data;
``clauses``
    sentences;
``places``
    the geoparser's mention table, read as event places; unknown names;
``lists``, ``districts``
    a list's names the gazetteer lacks; ACLED's "City - District";
``locate``
    :class:`~.locate.Locator`: which place each event happened at;
``dates``, ``actors``, ``status``
    when, who, and how sure and how bad;
``extract``
    :class:`EventExtractor`, which runs them per report, and :func:`extract_events`;
``batch``
    the collection pass: village namesakes re-chosen by the collection's other events;
``frame``, ``merge``
    the events frame, and the same event from several reports merged;
``rules``
    the stage's patterns and word tables, each with its reason.
"""

from .clauses import sentences
from .extract import EventExtractor, extract_events
from .frame import EVENT_COLUMNS, empty_events, events_frame
from .lexicon import EventLexicon
from .merge import merge_events
from .status import fatalities_in

__all__ = [
    "EVENT_COLUMNS",
    "EventExtractor",
    "EventLexicon",
    "empty_events",
    "events_frame",
    "extract_events",
    "fatalities_in",
    "merge_events",
    "sentences",
]
