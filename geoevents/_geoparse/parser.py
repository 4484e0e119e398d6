"""The geoparser: text in, its mention table out, through recognition, resolution and stand-ins.

:class:`Geoparser` is a thin facade over the stage's components, each in its own
module: :class:`~.candidates.CandidateFinder` (gazetteer look-ups),
:class:`~.recognise.Recogniser` (which names are places), :class:`~.resolve.Resolver`
(which place each one is), :class:`~.stand_ins.StandIns` (given spans the gazetteer
lacks) and :class:`~.frame.TableWriter` (the mention table). :meth:`Geoparser.mentions`
is the seam to later stages; :meth:`Geoparser.parse` and :func:`geoparse` give the
same table as a DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._decoding import readable, text_offset
from .._errors import InvalidInputError
from .._gazetteer.gazetteer import Gazetteer
from .area import Area
from .candidates import CandidateFinder
from .cyrillic_recognise import CyrillicRecogniser
from .frame import TableWriter, frame
from .language import checked_language, detect_language
from .recognise import Recogniser, RecognitionModel
from .records import BatchPrior, Match, Mention
from .resolve import Resolver
from .sections import CONTEXT_CHARS, SECTION_CHARS, check_spans, sections
from .stand_ins import StandIns

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Geoparser", "default_parser", "geoparse"]


class Geoparser:
    """Recognise and resolve place mentions with a gazetteer (see :func:`geoparse`).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load`.

    Examples
    --------
    >>> parser = Geoparser()
    >>> parser.parse("Shelling hit Kharkiv and Izium overnight.")["name"].tolist()
    ['Kharkiv', 'Izyum']
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *,
                 model: RecognitionModel | None = None) -> None:  # fmt: skip
        if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
            raise InvalidInputError(f"gazetteer must be a Gazetteer, not {gazetteer!r}")
        self.gazetteer = gazetteer or Gazetteer.load()
        self.finder = CandidateFinder(self.gazetteer)
        self.recogniser = Recogniser(self.finder, model)
        self.cyrillic = CyrillicRecogniser(self.finder)
        self.resolver = Resolver(self.finder)
        self.stand_ins = StandIns(self.finder)
        self.writer = TableWriter(self.gazetteer)

    def mentions(self, text: str, *, spans=None, prior: BatchPrior | None = None,
                 anchors=(), rescue: float = 0.0, cut_shift: float = 0.0, area=None,
                 lang: str | None = None) -> list[Mention]:  # fmt: skip
        """The mention table of ``text``: one :class:`Mention` per place mention, in
        text order (or one per given span, in the given order).

        This is the seam between the geoparser and later stages: everything the
        events stage knows of places it reads here and in the public
        :class:`Gazetteer` (``Gazetteer.place(row.place_id)``). The text is read as one
        context; :meth:`parse` reads a very long text in sections.

        Parameters
        ----------
        text : str
        spans : list of (start, end), optional
            Resolve exactly these spans (see :func:`geoparse`).
        prior : BatchPrior, optional
            What earlier reports of the same batch were about.
        anchors : offsets, optional
            Where event words end ("shelled", "captured"): a name right after one is
            kept at a cut lowered by ``rescue``.
        rescue : float, default 0
            How much lower the recogniser's cut is for names in a plainly locative
            context ("in X", "the village of X", "X region", after an anchor).
        cut_shift : float, default 0
            How much lower the recogniser's cut is everywhere.
        area : country codes, bounding box, polygons or Area, optional
            Where the text is about: a name with candidates inside means one of them
            (see :func:`geoparse`).
        lang : {"en", "uk", "ru"}, optional
            The text's language; detected from the text when not given.

        Examples
        --------
        >>> rows = Geoparser().mentions("Shelling hit Kharkiv overnight.")
        >>> [(r.mention, r.kind, r.country_code, r.precision) for r in rows]
        [('Kharkiv', 'city', 'UA', 1)]
        """
        spans = _checked(text, spans)
        if prior is not None:
            ids_of = self.gazetteer.index.ids_of
            prior = BatchPrior(ids_of(prior.countries), ids_of(prior.admin1), prior.cells,
                               prior.names)  # fmt: skip
        return self._rows(text, spans, prior=prior, anchors=anchors, rescue=rescue,
                          cut_shift=cut_shift, area=Area.of(area),
                          lang=checked_language(lang))  # fmt: skip

    def _rows(self, text: str, spans, **options) -> list[Mention]:
        """The mention table of a checked text and spans (``options`` as for
        :meth:`mentions`, the prior keyed by string ids). A control character that is
        no whitespace (NUL, ESC...) is read as a space, so that it parts words as the
        space it stands for does, and an invisible format character (a soft hyphen in
        "Khar\\xadkiv") as nothing (see :func:`~geoevents._decoding.readable`);
        offsets and mentions are the text's own."""
        # given spans index the text as it is: it is read at its own length
        reading, removed = readable(text, keep_length=spans is not None)
        found = self._matches(reading, spans, stand_ins=spans is not None, **options)
        rows = self.writer.rows(reading, found)
        if reading is text:
            return rows
        if removed is None:  # the same length: offsets index ``text``
            return [row._replace(mention=text[row.start : row.end]) for row in rows]
        at = text_offset(removed)
        out = []
        for row in rows:  # each mention where it is in ``text``, as written there
            start, end = at(row.start), at(row.end - 1) + 1
            out.append(row._replace(start=start, end=end, mention=text[start:end]))
        return out

    def parse(self, text: str, *, spans=None, area=None, lang: str | None = None
              ) -> pd.DataFrame:  # fmt: skip
        """Place mentions in ``text`` as a DataFrame (see :func:`geoparse`)."""
        return self._parse(text, _checked(text, spans), Area.of(area), checked_language(lang))

    def _parse(self, text: str, spans, area: Area | None = None, lang: str | None = None
               ) -> pd.DataFrame:  # fmt: skip
        """:meth:`parse` of a checked text and spans, in a checked area and language."""
        lang = lang or detect_language(text)
        if len(text) <= SECTION_CHARS:
            return frame(self._rows(text, spans, area=area, lang=lang))
        # a long text is read section by section: memory stays bounded by the result
        import pandas as pd

        frames = []
        for a, b in sections(text, spans):
            section = text[a:b]
            inside = None if spans is None else [(s - a, e - a) for s, e in spans if a <= s < b]
            part = frame(self._rows(section, inside, area=area, lang=lang))
            part["start"] += a
            part["end"] += a
            frames.append(part)
        out = pd.concat(frames, ignore_index=True)
        if spans is not None:  # back to the order the spans were given in
            position = {span: i for i, span in enumerate(spans)}
            order = [position[(s, e)] for s, e in zip(out["start"], out["end"], strict=True)]
            out = out.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
        return out

    def given(self, text: str, spans, kept: list[Match], lang: str = "en"):
        """Matches for the spans a caller gave: (all of them, those with gazetteer
        candidates, the recognised matches that overlap none of them); in Ukrainian or
        Russian (``lang``) a span is read in its base forms ("Харкові")."""
        given = []
        for s, e in spans:
            surface = readable(text[s:e])[0]  # "Khar\xadkiv" is looked up as Kharkiv
            hit = (self.finder.lookup_span(surface) if lang == "en"
                   else self.cyrillic.find_span(surface, lang))  # fmt: skip
            m = Match(s, e, hit)
            m.given = True
            m.logit = 5.0
            if m.hit is not None:
                m.role = m.hit.role
            given.append(m)
        resolvable = [m for m in given if m.hit is not None]
        context = [m for m in kept if not any(m.start < g.end and g.start < m.end for g in given)]
        return given, resolvable, context

    def _matches(self, text: str, spans=None, *, rescue: float = 0.0, prior=None, anchors=(),
                 cut_shift: float = 0.0, stand_ins: bool = False, stand_in_rows=None,
                 area=None, lang: str | None = None) -> list[Match]:  # fmt: skip
        """Recognised (or given) matches, resolved. ``stand_ins``: also decide which
        given spans are places the gazetteer lacks (``stand_in_rows`` receives what
        the gate weighed, for fitting). ``lang``: the text's language (detected when
        None); Ukrainian and Russian are read by the :class:`CyrillicRecogniser`."""
        lang = lang or detect_language(text)
        if lang == "en":
            kept = self.recogniser.recognise(text, rescue=rescue, anchors=anchors,
                                             cut_shift=cut_shift)  # fmt: skip
        else:
            kept = self.cyrillic.recognise(text, lang)
        if spans is None:
            if len(text) <= CONTEXT_CHARS:
                self.resolver.resolve(text, kept, prior, area)
            else:
                self.resolver.resolve_chunked(text, kept, prior, area)
            return kept
        given, resolvable, context = self.given(text, spans, kept, lang)
        self.resolver.resolve_chunked(text, sorted(resolvable + context, key=lambda m: m.start),
                                      prior, area)  # fmt: skip
        if stand_ins:
            self.stand_ins.weigh_chunked(text, sorted(given + context, key=lambda m: m.start),
                                         stand_in_rows)  # fmt: skip
        return given


_default_parser: Geoparser | None = None


def _checked(text: str, spans) -> list[tuple[int, int]] | None:
    """``spans`` checked against ``text`` (which must be a str)."""
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
    return check_spans(text, spans)


def geoparse(text: str, *, spans=None, area=None, lang: str | None = None) -> pd.DataFrame:
    """Find the places ``text`` names and resolve each one, offline.

    Parameters
    ----------
    text : str
        News text in English, Ukrainian or Russian (place names in any script inside
        English text are fine; inside Ukrainian or Russian text only Cyrillic names
        are read).
    spans : list of (start, end), optional
        Resolve exactly these character spans instead of finding mentions: one
        row each, in the given order, NaN coordinates where no place matches. A
        span may name a place the gazetteer lacks (a hamlet, a township): when its
        readings all lie far from the main cluster of the text's other places, and
        a gate fitted on WikToR judges the cluster the better guess, it is placed
        at the cluster's median point with ``kind="unknown"``, ``precision=3``,
        no geonameid, and the country and division of the cluster's central place.
    area : str, list of str, (west, south, east, north) or polygons, optional
        Where the text is about, as Nominatim's ``countrycodes``/``viewbox``: ISO
        country codes (``"UA"``, ``["UA", "RU"]``), a bounding box in degrees, or a
        shapely geometry, GeoSeries or GeoDataFrame of polygons. A name with
        candidates inside the area means one of them ("Troitsk" in ``area="UA"`` is
        the one in Luhansk Oblast, not Troitsk near Chelyabinsk); a name with none inside keeps
        its reading outside ("Moscow said"). A region's point, not its outline,
        decides whether it is inside.
    lang : {"en", "uk", "ru"}, optional
        The text's language; when not given it is told from the text's letters and
        words. Ukrainian and Russian names are found in any case form ("у Харкові",
        "в Мариуполе", "Запорізькою областю"); ``mention`` keeps the form written,
        ``name`` is the gazetteer's usual (English) name.

    Returns
    -------
    pandas.DataFrame
        One row per place mention in text order: start, end, mention, name, kind,
        country_code, admin1, latitude, longitude, geonameid, precision (1 the
        place itself, 2 near it or part of it, 3 a region), confidence (0-1) and
        role: ``place``, ``adjectival`` ("Ukrainian forces") or ``metonym``
        ("Moscow said"). Empty, with every column, when there is none.

    Examples
    --------
    >>> df = geoparse("Drones hit Kharkiv overnight, officials in Kyiv said. Moscow denied it.")
    >>> df[["mention", "name", "role"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Kharkiv', 'Kharkiv', 'place'], ['Kyiv', 'Kyiv', 'place'],
     ['Moscow', 'Moscow', 'metonym']]
    >>> geoparse("Shelling in Troitsk overnight", area="UA")["admin1"].tolist()
    ['Luhanska oblast']
    >>> geoparse("Paris, Texas", spans=[(0, 5)])["admin1"].tolist()
    ['Texas']
    >>> geoparse("Вибухи у Харкові та під Бахмутом.")[["mention", "name"]].values.tolist()
    [['Харкові', 'Kharkiv'], ['Бахмутом', 'Bakhmut']]
    """
    spans = _checked(text, spans)  # before the gazetteer is loaded (which takes a second)
    lang = checked_language(lang)
    return default_parser()._parse(text, spans, Area.of(area), lang)


def default_parser() -> Geoparser:
    """The process's shared Geoparser over the default gazetteer (built on first use)."""
    global _default_parser
    if _default_parser is None:
        _default_parser = Geoparser()
    return _default_parser
