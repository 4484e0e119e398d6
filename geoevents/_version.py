"""The version of geoevents (read by the build and by ``geoevents.__version__``)."""

__version__ = "0.1.0"
