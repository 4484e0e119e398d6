"""An extraction's story: its sentence and the sentences after it that tell no other event.

``extract_events`` keeps as an event's ``notes`` the one sentence that names it. A report
often says the rest in the sentences that follow ("Russian forces shelled Izium. A school
and the hospital were hit. Two civilians were killed."): the site, the district and the
toll another source names are there. The store keeps, as each extraction's notes, the
story: that sentence and up to :data:`FOLLOWING` more of its paragraph, stopping before
the next sentence that names an event of the same report or that opens another story
(:data:`NEW_STORY`). The matching rules then weigh what the whole story says.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["FOLLOWING", "MAX_CHARS", "NEW_STORY", "stories"]

# A report tells an event in its sentence and two or three after it (what was hit, who
# was killed, what an official said); a fourth is most often about something else.
FOLLOWING = 3
# However the text is laid out, a story is not a whole document: long enough for a
# paragraph of an ACLED note or a news report, no longer.
MAX_CHARS = 700

# The end of a sentence: a stop, a question or exclamation mark, then space and a
# capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+(?=[\"'«“(]?[A-ZА-ЯІЇЄҐЁ0-9])")
# A blank line ends a paragraph, and a story with it.
_PARAGRAPH = re.compile(r"\n\s*\n")
# Words that open another story even where no event of it was read: a report that goes
# on "Separately, …" or "Meanwhile, …" or to another day has left the first event.
NEW_STORY = re.compile(
    r"\W*(?:separately|meanwhile|elsewhere|in addition|additionally|also on|earlier|"
    r"later|the (?:previous|next|following) day|on (?:\d{1,2} )?(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december)|"
    r"окрім того|крім того|тим часом|також|водночас|кроме того|тем временем|также)\b",
    re.IGNORECASE,
)


def _story(text: str, start: int, own: int, stop: int) -> str:
    """The story of the sentence ``text[start:own]``: it, then whole sentences of its
    paragraph up to ``stop`` (the next event's sentence), at most FOLLOWING of them and
    MAX_CHARS in all; the event's own sentence is never cut."""
    para = _PARAGRAPH.search(text, own)
    end = min(stop, para.start() if para else len(text))
    # where each following sentence ends: at a sentence end, or where the paragraph does
    # (only the first FOLLOWING are read: a paragraph may be a whole page)
    found = (m.end() for m in _SENTENCE_END.finditer(text, own, end) if text[own : m.end()].strip())
    ends = list(itertools.islice(found, FOLLOWING))
    if len(ends) < FOLLOWING and (not ends or ends[-1] < end):
        ends.append(end)
    kept = own
    for cut in ends:
        if cut - start > MAX_CHARS or not text[kept:cut].strip() or NEW_STORY.match(text, kept):
            break
        kept = cut
    return text[start:kept].strip()


def stories(texts: dict, report_ids, notes) -> list:
    """Each extraction's story, from the text of its report (``texts``: report id to
    text), its ``report_ids`` and its ``notes``; an extraction whose sentence is not
    found verbatim in its report keeps its notes.

    Examples
    --------
    >>> text = ("Troops shelled Izium. A school was hit. Two people were killed. "
    ...         "Separately, drones struck Kupiansk. A depot burned.")
    >>> notes = ["Troops shelled Izium.", "Separately, drones struck Kupiansk."]
    >>> for told in stories({"r": text}, ["r", "r"], notes):
    ...     print(told)
    Troops shelled Izium. A school was hit. Two people were killed.
    Separately, drones struck Kupiansk. A depot burned.
    """
    found: dict = {}
    for i, (rid, note) in enumerate(zip(report_ids, notes, strict=True)):
        text = texts.get(rid)
        at = text.find(note) if isinstance(text, str) and isinstance(note, str) and note else -1
        found.setdefault(rid, []).append((at, i))
    out = list(notes)
    for rid, spots in found.items():
        text = texts.get(rid)
        starts = sorted({at for at, _ in spots if at >= 0})
        for at, i in spots:
            if at < 0:
                continue
            later = [s for s in starts if s > at]
            out[i] = _story(text, at, at + len(notes[i]), later[0] if later else len(text))
    return out
