"""Who: the actor names of a sentence in, the event's actor1 and actor2 out."""

from __future__ import annotations

from . import rules

__all__ = ["COUNTRY_ACTORS", "actors_of"]

# a country named as the subject of an attack stands for its forces
COUNTRY_ACTORS = {"RU": "Russian forces", "UA": "Ukrainian forces", "BY": "Belarusian forces"}


def actors_of(gazetteer, text, s, e, ts, te, actors, etype, places):
    """(actor1, actor2) of the event whose trigger is ``text[ts:te]`` in the sentence
    ``text[s:e]``: the agent named with "by", else the last actor before the trigger,
    else the nearest after it, else a country named as the subject ("Belarus fired");
    actor2 the next other actor ("Civilians" for violence against civilians).

    ``actors`` are the sentence's (start, end, actor) from the lexicon, ``places`` its
    event places; ``gazetteer`` names the country of such a subject.
    """
    actor1 = actor2 = None
    ordered = sorted(actors, key=lambda a: (0 if a[0] >= te else 1, abs(a[0] - ts)))
    for a_s, _a_e, name in actors:
        if a_s < ts and rules.BY_AGENT.search(text[max(s, a_s - 10) : a_s]):
            actor1 = name
    if actor1 is None:
        before = [a for a in actors if a[0] < ts and a[2] != "Civilians"]
        if before:
            actor1 = before[-1][2]
        elif any(a[2] != "Civilians" for a in actors):
            actor1 = next(a[2] for a in ordered if a[2] != "Civilians")
    if actor1 is None:
        # "Russia launched missiles": a country as the subject before the trigger
        for p in places:
            if p.start < ts and p.kind == "country":
                code = gazetteer.place(p.index).country_code
                name = gazetteer.country_name(code)
                actor1 = COUNTRY_ACTORS.get(code, f"Military forces of {name}")
                break
    for _a_s, _a_e, name in ordered:
        if name != actor1:
            actor2 = name
            break
    if etype == "Violence against civilians" and actor2 is None:
        actor2 = "Civilians"
    return actor1, actor2
