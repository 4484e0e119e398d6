"""Maps of events: one folium layer that draws a whole events frame in the page.

:func:`map_events` turns an events frame (``extract_events``, ``read_acled``,
``read_ucdp`` or any frame with a point per row) into a :class:`folium.Map`;
:func:`save_map` writes it as HTML (optionally self-contained, for machines with no
network) or PNG.

The events travel as ONE JSON document in the page, drawn by small scripts
(``geoevents/_mapassets/geoevents_map.js``, with ``geoevents_clusters.js``,
``geoevents_time.js`` and ``geoevents_shapes.js``) rather than as one folium object per
event, so that 100,000 events make a page of a few megabytes that opens in seconds.
The document is columnar: numbers as arrays, text columns as a table of distinct
values plus one index per event. Past a few megabytes it is gzip-compressed and
base64-encoded, and the page inflates it with the browser's ``DecompressionStream``.

What the page shows:

* one colour per event type (or per value of ``color_by``);
* clusters whose icon is a ring of their types' shares (in the legend's colours)
  around their count, and whose content follows the filters;
* a layer control with one entry per type, which is also the legend (a colour swatch
  and a count each), a key to the symbols, a date range filter, and playback of a
  day, week or month window through the period;
* pins for events at the named place (``geo_precision`` 1), translucent circles of
  ~25 km (precision 2) for events known only roughly; for events known only to their
  first-level division (precision 3) a dot and the division's outline (Natural Earth,
  by ``geonameid`` or ``country_code``/``admin1``; each outline once in the document,
  shown while one of its events is), else a ~200 km circle; dashed for unconfirmed or
  claimed events;
* the caller's areas (``areas=``, e.g. dated areas of control) under the events, each
  shown while its period overlaps the dates shown, with a toggle button in the legend;
* popups with date, type and sub-type, actors, place and precision, status,
  fatalities, the notes and the source (a link only for http(s) URLs); a date the
  page cannot place, or fatalities outside 0..10,000,000, show as unknown, with a
  :class:`GeoEventsWarning` that counts them;
* optionally a heat layer (``heat=True``);
* country outlines from Natural Earth under the tiles, seen when no tiles load.

Text from the data never becomes HTML or template source: the JSON is escaped for a
``<script>`` element, it reaches the page as a Jinja *variable* (never as template
text), and the page script puts text in with ``textContent``.

Where each stage lives:

* :mod:`.draw`: :func:`map_events`, the checks at the boundary and the warnings;
* :mod:`.payload`: events frame -> the document the page draws (and aggregation);
* :mod:`.shapes`: the region outlines and the areas that travel in that document;
* :mod:`.elements`: the folium elements that carry it into the page;
* :mod:`.assets`: scripts and stylesheets inlined for offline pages;
* :mod:`.render`: :func:`save_map`, HTML or PNG (headless Chromium).
"""

from .assets import remote_assets
from .draw import map_events
from .elements import CountryOutlines, EventsLayer
from .payload import ACLED_COLORS
from .render import CHROMIUM_ARGS, find_chromium, save_map

__all__ = [
    "ACLED_COLORS",
    "CHROMIUM_ARGS",
    "CountryOutlines",
    "EventsLayer",
    "find_chromium",
    "map_events",
    "remote_assets",
    "save_map",
]
