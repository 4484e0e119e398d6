"""The geoparsing stage: text in, the mention table (places named, each resolved) out.

Modules, in the order text flows through them:

``rules``
    the patterns and word tables the stage reads text with, each with its reason;
``candidates``
    :class:`CandidateFinder`: a name in, the gazetteer places it may be out;
``recognise``
    :class:`Recogniser`: which gazetteer names in a text are places, with roles;
``resolve``
    :class:`Resolver`: which place each one is, from the document's own geography;
``stand_ins``
    :class:`StandIns`: given spans that are places the gazetteer lacks;
``frame``
    the mention table's rows and geoparse's DataFrame;
``parser``
    :class:`Geoparser`, the facade, and :func:`geoparse`;
``area``
    :class:`Area`: the user's area of interest (``area=``);
``namesakes``, ``qualifiers``
    the resolver's helpers: the batch's pull among namesakes, the regions qualifiers name;
``records``, ``sections``, ``training``
    the records passed along, long-text sections, and rows for the fitting scripts.
"""

from .area import Area
from .frame import COLUMNS
from .parser import Geoparser, default_parser, geoparse
from .records import GRID_DEGREES, BatchPrior, Mention, grid_cell
from .resolve import RESOLVER_FEATURES
from .stand_ins import STAND_IN_FEATURES

__all__ = [
    "COLUMNS",
    "GRID_DEGREES",
    "RESOLVER_FEATURES",
    "STAND_IN_FEATURES",
    "Area",
    "BatchPrior",
    "Geoparser",
    "Mention",
    "default_parser",
    "geoparse",
    "grid_cell",
]
