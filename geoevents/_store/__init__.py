"""The event store: reports appended incrementally, events merged with every source kept."""

from __future__ import annotations

from .append import AddResult
from .store import EventStore

__all__ = ["AddResult", "EventStore"]
