"""The progress bar of one extract_events call: in reports, or in characters for a few long ones.

A call of many reports counts them; a call of a few long ones (a transcript, a year of
a channel pasted as one text) counts characters as the sections of each are read, so
that a 10 MB report does not sit at "0/1" for a minute. Nothing is shown for a short
call, and the bar is drawn only on a terminal or in a notebook (``disable=None``),
never into a log or a pipe.
"""

from __future__ import annotations

__all__ = ["Progress"]

# a bar for at least this many reports (fewer take a second or two) ...
REPORTS_MIN = 500
# ... or, for fewer reports, at least this many characters (ten seconds or so of reading)
CHARS_MIN = 1_000_000


class Progress:
    """What a call has read so far, drawn as a bar when the call is long.

    ``sizes``: the length of each report's text; ``long``: from what length a report is
    read in sections (each counted when read).

    Examples
    --------
    >>> bar = Progress([120, 80], long=200_000)  # a short call: no bar
    >>> bar.bar is None
    True
    >>> bar.report(120); bar.close()
    """

    def __init__(self, sizes: list[int], long: int) -> None:
        self.long = long
        self.bar = None
        self.by_chars = len(sizes) < REPORTS_MIN and sum(sizes) >= CHARS_MIN
        if len(sizes) < REPORTS_MIN and not self.by_chars:
            return
        from tqdm.auto import tqdm

        if self.by_chars:
            self.bar = tqdm(total=sum(sizes), desc="extracting events", unit="B",
                            unit_scale=True, unit_divisor=1000, leave=False,
                            disable=None)  # fmt: skip
        else:
            self.bar = tqdm(total=len(sizes), desc="extracting events", unit=" reports",
                            leave=False, disable=None)  # fmt: skip

    def report(self, size: int) -> None:
        """A report of ``size`` characters is read (its sections counted already when
        it was long)."""
        if self.bar is None:
            return
        if not self.by_chars:
            self.bar.update(1)
        elif size <= self.long:
            self.bar.update(size)

    def section(self, size: int) -> None:
        """A section of ``size`` characters of a long report is read."""
        if self.bar is not None and self.by_chars:
            self.bar.update(size)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
