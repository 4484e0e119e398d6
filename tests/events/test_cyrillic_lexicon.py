"""The event lexicon in Ukrainian and Russian (issue 13): trigger words and actor names of
``geoevents/data/triggers.csv`` and ``actors.csv`` read on sentences we made up.

In a sentence the trigger or actor is in [brackets]. Every Cyrillic row of both files is
shown by at least one sentence here; near misses (a word that only looks like a trigger)
give nothing. Cyrillic patterns run only on text with Cyrillic letters, so English reads
as before. No gazetteer, no network.
"""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from geoevents._events import lexicon, rules
from geoevents._events.actors import actors_of
from geoevents._events.lexicon import EventLexicon, _alternatives, _max_width, _required_literals

LEX = EventLexicon.default()
EX, BA, VAC, SD = (
    "Explosions/Remote violence",
    "Battles",
    "Violence against civilians",
    "Strategic developments",
)
SHELLING, AIR, IED = (
    "Shelling/artillery/missile attack",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
)


def bracketed(sentence: str) -> tuple[str, list[str]]:
    """The sentence without its brackets, and the bracketed words."""
    return sentence.replace("[", "").replace("]", ""), re.findall(r"\[(.+?)\]", sentence)


def cyrillic_rows(name: str) -> list[dict]:
    text = resources.files("geoevents").joinpath("data", name).read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return [row for row in rows if rules.CYRILLIC.search(row["pattern"])]


TRIGGERS = [
    # shelling, artillery, missiles
    ("Ворог [обстріляв] Лубни.", EX, SHELLING),
    ("Унаслідок [обстрілу] Гадяча [пошкоджено] лінію електропередач.", EX, SHELLING),
    ("ВСУ [обстреляли] Валуйки.", EX, SHELLING),
    ("По Миргороду били з [артилерії] та [мінометів].", EX, SHELLING),
    ("Село накрили [артобстрелом].", EX, SHELLING),
    ("Росіяни завдали [ракетного] [удару] по Лубнах.", EX, SHELLING),
    ("По Гадячу выпустили [ракеты] [Искандер].", EX, SHELLING),
    ("Окупанти били по селу з [Градів].", EX, SHELLING),
    ("Стався [прильот] у промзону Лубен.", EX, SHELLING),
    ("Зафиксировано [попадание] в здание.", EX, SHELLING),
    ("Село [під вогнем] з самого ранку.", EX, SHELLING),
    # air and drone strikes
    ("Окупанти скинули на Вовчанськ [КАБи].", EX, AIR),
    ("[Авиаудар] пришелся по окраине Гадяча.", EX, AIR),
    ("Місто пережило [бомбардування].", EX, AIR),
    ("Ворог [атакував] Лубни [дронами].", EX, AIR),
    ("Над Миргородом помітили [безпілотник].", EX, AIR),
    ("[Беспилотник] упал на склад.", EX, AIR),
    ("У Гадячі впав [шахед].", EX, AIR),
    ("Вночі [БпЛА] [атакували] Лубни.", EX, AIR),
    ("Склад [атаковали] [Герани].", EX, AIR),
    ("Триває масована [повітряна атака].", EX, AIR),
    # explosions, mines, grenades, suicide bombs
    ("У Лубнах пролунали [вибухи].", EX, IED),
    ("В Гадяче прогремел [взрыв].", EX, IED),
    ("Трактор [підірвався на міні] біля Лубен.", EX, IED),
    ("Возле села нашли [самодельное взрывное устройство].", EX, IED),
    ("У двір кинули [гранату].", EX, "Grenade"),
    ("[Смертник] [подорвал] себя у входа.", EX, "Suicide bomb"),
    # damage left behind, and people hurt with no means named
    ("[Пошкоджено] три будинки.", EX, SHELLING),
    ("[Разрушены] два дома.", EX, SHELLING),
    ("Двоє людей [загинули].", EX, SHELLING),
    ("Трое [ранены].", EX, SHELLING),
    # violence against civilians
    ("[Загинули двоє мирних жителів].", VAC, "Attack"),
    ("[Мирные жители погибли] под Гадячем.", VAC, "Attack"),
    ("Окупанти [катували] полонених.", VAC, "Attack"),
    ("Там сталася [різанина].", VAC, "Attack"),
    ("Окупанти [викрали] голову громади.", VAC, "Abduction/forced disappearance"),
    ("Детей [депортировали] из Гадяча.", VAC, "Abduction/forced disappearance"),
    ("Свідки розповіли про [зґвалтування].", VAC, "Sexual violence"),
    # battles
    ("Під Лубнами тривають [бої].", BA, "Armed clash"),
    ("Противник вел [бой] у села.", BA, "Armed clash"),
    ("За добу сталося 40 [бойових зіткнень].", BA, "Armed clash"),
    ("Під Гадячем [відбили атаку] ворога.", BA, "Armed clash"),
    ("Подразделения [отразили атаку] у Гадяча.", BA, "Armed clash"),
    ("Ворог продовжує [наступ] на Лубни.", BA, "Armed clash"),
    ("Окупанти пішли на [штурм] Гадяча.", BA, "Armed clash"),
    ("Ворожа група [атакувала] позиції.", BA, "Armed clash"),
    ("ЗСУ [звільнили] Вербівку.", BA, "Government regains territory"),
    ("Над селом [відновили контроль].", BA, "Government regains territory"),
    (
        "Минобороны сообщило, что войска [освободили] село.",
        BA,
        "Non-state actor overtakes territory",
    ),
    ("Окупанти [захопили] Вишневе.", BA, "Non-state actor overtakes territory"),
    ("Войска [взяли под контроль] поселок.", BA, "Non-state actor overtakes territory"),
    ("Росіяни [увійшли до ]Вишневого.", BA, "Non-state actor overtakes territory"),
    # protests and riots
    ("У Лубнах пройшов [мітинг].", "Protests", "Peaceful protest"),
    ("Жители вышли на [пикет].", "Protests", "Peaceful protest"),
    ("У місті спалахнули [заворушення].", "Riots", "Violent demonstration"),
    ("Сталися [сутички з поліцією].", "Riots", "Violent demonstration"),
    # strategic developments
    ("У Києві тривають [переговори].", SD, "Other"),
    ("Сторони оголосили [перемир'я].", SD, "Agreement"),
    ("Відбувся [обмін полоненими].", SD, "Agreement"),
    ("Триває [евакуація] з Гадяча.", SD, "Other"),
    ("Объявлена [эвакуация] жителей.", SD, "Other"),
    ("У Лубнах [затримали] коригувальника.", SD, "Arrests"),
    ("Силовики [задержали] подозреваемого.", SD, "Arrests"),
    ("Над Лубнами [збито] [шахед].", SD, "Disrupted weapons use"),
    ("[Знищено 20 ударних БпЛА].", SD, "Disrupted weapons use"),
    ("Над Гадячем [сбиты] два [беспилотника].", SD, "Disrupted weapons use"),
    ("[Ракету] [перехоплено] над містом.", SD, "Disrupted weapons use"),
    ("[Ракеты] [перехвачены] над городом.", SD, "Disrupted weapons use"),
    ("Біля села знайшли [схрон] зі зброєю.", SD, "Disrupted weapons use"),
    ("Війська [відійшли] з Вишневого.", SD, "Non-violent transfer of territory"),
    ("Солдати [мародерствували] в селі.", SD, "Looting/property destruction"),
    ("Там провели [референдум].", SD, "Other"),
    # "вдарив": the Ukrainian verb with its prefix
    (
        "Ворог [вдарив] по Лубнах.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), TRIGGERS)
def test_ukrainian_and_russian_triggers(sentence, event_type, sub_event_type):
    """Every trigger word of the sentence is found, and the strongest (the one an event
    keeps) says what happened."""
    text, words = bracketed(sentence)
    found = LEX.triggers_in(text)
    assert [text[s:e] for s, e, _ in found] == words
    s, e, best = max(found, key=lambda x: x[2].weight)
    assert (best.event_type, best.sub_event_type) == (event_type, sub_event_type), text[s:e]


@pytest.mark.parametrize(
    "sentence",
    [
        "Наступного дня в Гадячі було тихо.",  # next, not an offensive
        "Директора звільнили з посади.",  # dismissed, not liberated
        "Звільнено двох полонених.",  # prisoners released
        "Стратегія міста змінилася.",  # strategy, not executions
        "У садку достиг гранат.",  # a pomegranate
        "Вночі випав град.",  # hail, not the rocket launcher
        "У кафе затримка замовлень.",  # a delay, not an arrest
        "Рейс задержка на час.",
        "Водій збив пішохода.",  # a car, not air defence
        "Вона боїться темряви.",  # fears: "бої" inside a word
        "В окупованому місті відкрили школу.",  # how a place is
        "Ударник грав у гурті.",  # a drummer
        "Суд звільнив журналіста.",  # a person released, no place after the verb
        "Власти отложили освобождение христианки.",
        "Суд освободил заключённого.",
        "Биби освободили из-под стражи.",
        "Суд відправив його під домашній арешт.",  # as in English: arrests, not "arrest"
        "Это может подорвать доверие.",  # to undermine
        "Суд отменил смертную казнь.",  # the death penalty, a law
        "Вона провела роки в камері смертників.",  # death row
        "Він був переговорщиком.",  # a negotiator
    ],
)
def test_words_that_only_look_like_triggers(sentence):
    assert LEX.triggers_in(sentence) == []


def test_liberated_needs_a_place_after_it():
    """ "звільнили", "освободили" also mean released: a place must follow, a name or a
    word for a settlement."""
    for text in (
        "Сили оборони звільнили ще два села.",
        "Після звільнення Херсона люди раділи.",
        "Минобороны: освобождён населённый пункт Вишневое.",
        "Войска освободили Вишневое.",
    ):
        found = [t.sub_event_type for _, _, t in LEX.triggers_in(text)]
        assert found in (["Government regains territory"],
                         ["Non-state actor overtakes territory"]), text  # fmt: skip


def test_cyrillic_is_read_in_any_case_and_only_as_whole_words():
    for text in ("ОБСТРІЛ ЛУБЕН", "Обстріл Лубен", "обстріл Лубен"):
        assert [text[s:e] for s, e, _ in LEX.triggers_in(text)] == [text.split()[0]]
    assert [a for _, _, a in LEX.actors_in("Ворог і ворог, ВОРОГ")] == ["Russian forces"] * 3
    assert LEX.triggers_in("безударний склад") == []  # "удар" inside a word


def test_the_longest_trigger_wins_over_its_parts():
    """ "Знищено 20 ударних БпЛА": air defence at work, not a drone strike."""
    text = "Знищено 20 ударних БпЛА, а дроном окупанти знищили склад."
    found = [(text[s:e], t.sub_event_type) for s, e, t in LEX.triggers_in(text)]
    assert found == [
        ("Знищено 20 ударних БпЛА", "Disrupted weapons use"),
        ("дроном", AIR),  # the instrument of a strike ...
        ("знищили", SHELLING),  # ... so "знищили" is damage done
    ]


def test_an_air_attack_repelled_is_air_defence_not_a_battle():
    text = "Під час відбиття повітряної атаки на Лубни працювала ППО."
    found = [t.sub_event_type for _, _, t in LEX.triggers_in(text)]
    assert found == ["Disrupted weapons use", "Disrupted weapons use"]


ACTORS = [
    ("[Ворог] обстріляв Лубни.", ["Russian forces"]),
    ("[Ворожі] дрони атакували Гадяч.", ["Russian forces"]),
    ("[Окупанти] та [рашисти] обстріляли село.", ["Russian forces", "Russian forces"]),
    ("[Російські війська] наступають.", ["Russian forces"]),
    ("[ЗС РФ] втратили техніку.", ["Russian forces"]),
    ("[ДРГ ворога] намагалася прорватися.", ["Russian forces"]),
    ("[ВС РФ] нанесли удар.", ["Russian forces"]),
    ("[Российские войска] продвинулись.", ["Russian forces"]),
    ("[Группировка войск «Центр]» продвинулась.", ["Russian forces"]),
    ("[Оккупанты] обстреляли Гадяч.", ["Russian forces"]),
    ("Дежурные средства [ПВО] сбили дрон.", ["Russian forces"]),
    ("[ЗСУ] звільнили село.", ["Ukrainian forces"]),
    ("[Збройні сили України] відбили атаку.", ["Ukrainian forces"]),
    ("[Сили оборони] відбили атаку.", ["Ukrainian forces"]),
    ("Над Лубнами працювала [ППО].", ["Ukrainian forces"]),
    ("[Нацгвардія] тримає оборону.", ["Ukrainian forces"]),
    ("[Наші захисники] відбили штурм.", ["Ukrainian forces"]),
    ("[ВСУ] атаковали Валуйки.", ["Ukrainian forces"]),
    ("[Украинская ПВО] сбила ракету.", ["Ukrainian forces"]),
    ("[Вооружённые силы Украины] отступили.", ["Ukrainian forces"]),
    ("[Киевский режим] атаковал город.", ["Ukrainian forces"]),
    ("Бойовики [ДНР] обстріляли Піски.", ["DPR forces"]),
    ("Силы [ЛНР] вошли в город.", ["LPR forces"]),
    ("[Сепаратисты] обстреляли поселок.", ["Pro-Russian separatists"]),
    ("[Вагнерівці] штурмували місто.", ["Wagner Group"]),
    ("[Кадирівці] заїхали в село.", ["Chechen forces"]),
    ("Бійці [полку «Азов]» тримали оборону.", ["Azov Regiment"]),
    ("[Білоруські війська] стоять біля кордону.", ["Belarusian forces"]),
    ("Поранено трьох [мирних жителів].", ["Civilians"]),
    ("[Мирное население] эвакуируют.", ["Civilians"]),
    ("[Мітингувальники] зібралися біля ради.", ["Protesters"]),
    ("[Поліція] розслідує вибух.", ["Police forces"]),
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Россияне стали чаще путешествовать.",  # Russia's citizens, not its forces
        "Нацгвардія США прибула до міста.",  # not Ukraine's
        "Нацгвардия патрулирует улицы.",  # in Russian: whose, the text must say
    ],
)
def test_names_that_are_no_armed_side(sentence):
    assert [a for _, _, a in LEX.actors_in(sentence) if a != "Civilians"] == []


@pytest.mark.parametrize(("sentence", "actors"), ACTORS)
def test_ukrainian_and_russian_actors(sentence, actors):
    text, words = bracketed(sentence)
    found = LEX.actors_in(text)
    assert [text[s:e] for s, e, _ in found] == words
    assert [a for _, _, a in found] == actors


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor1", "actor2"),
    [
        ("Ворог обстріляв Лубни.", "обстріляв", "Russian forces", None),
        ("ВСУ атаковали Валуйки беспилотниками.", "атаковали", "Ukrainian forces", None),
        ("Окупанти розстріляли мирних жителів.", "розстріляли", "Russian forces", "Civilians"),
        ("ЗСУ відбили атаку окупантів.", "відбили", "Ukrainian forces", "Russian forces"),
    ],
)
def test_actors_of_a_cyrillic_sentence(sentence, trigger, actor1, actor2):
    ts = sentence.index(trigger)
    etype = next(t.event_type for s, _, t in LEX.triggers_in(sentence) if s == ts)
    got = actors_of(None, sentence, 0, len(sentence), ts, ts + len(trigger),
                    LEX.actors_in(sentence), etype, [])  # fmt: skip
    assert got == (actor1, actor2)


def test_every_cyrillic_row_has_a_sentence():
    """Each Ukrainian or Russian row of triggers.csv and actors.csv matches one of the
    sentences above."""
    trigger_texts = [bracketed(s)[0] for s, *_ in TRIGGERS]
    actor_texts = [bracketed(s)[0] for s, _ in ACTORS]
    missing = []
    for name, texts in (("triggers.csv", trigger_texts), ("actors.csv", actor_texts)):
        for row in cyrillic_rows(name):
            pattern = re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE)
            if not any(pattern.search(t) for t in texts):
                missing.append(f"{name}: {row['note'] or row['pattern'][:40]}")
    assert not missing, missing


def test_every_cyrillic_row_says_why():
    assert all(row["note"].strip() for name in ("triggers.csv", "actors.csv")
               for row in cyrillic_rows(name))  # fmt: skip


def test_no_cyrillic_pattern_runs_on_every_text():
    """Each Cyrillic alternative has a literal the matcher looks for first and a bounded
    width, so that it runs only near its literal (and not at all on English text)."""
    unbounded = [
        alt
        for name in ("triggers.csv", "actors.csv")
        for row in cyrillic_rows(name)
        for alt in _alternatives(row["pattern"])
        if not _required_literals(alt) or _max_width(alt) < 0
    ]
    assert unbounded == []
    # and no alternative of a Cyrillic row is Latin only: it would join the English ones
    latin = [
        alt
        for name in ("triggers.csv", "actors.csv")
        for row in cyrillic_rows(name)
        for alt in _alternatives(row["pattern"])
        if not rules.CYRILLIC.search(alt)
    ]
    assert latin == []


def test_a_lookahead_sees_past_the_word():
    """ "звільнили(?! з посади)": the matcher's window around a literal reaches as far as
    a lookahead reads."""
    assert _max_width("ab(?!cdef)") == 6
    assert _max_width(r"ab(?!\s+cd)") == 2 + 10 + 2
    assert LEX.triggers_in("Директора звільнили з посади.") == []
    assert len(LEX.triggers_in("ЗСУ звільнили Вербівку.")) == 1


def test_english_text_never_runs_the_cyrillic_patterns(monkeypatch):
    """English text neither runs nor compiles the Cyrillic patterns."""
    lex = EventLexicon.default()

    def boom(self):
        raise AssertionError("Cyrillic patterns wanted for English text")

    monkeypatch.setattr(lexicon._Scripts, "cyrillic", boom)
    text = "Russian forces shelled Lubny; Ukrainian troops repelled an assault."
    assert [t.event_type for _, _, t in lex.triggers_in(text)] == [EX, BA, BA]
    assert [a for _, _, a in lex.actors_in(text)] == ["Russian forces", "Ukrainian forces"]


def test_lexicons_with_the_same_rows_share_their_compiled_patterns():
    """An extractor per call must not compile hundreds of patterns again."""
    a, b = EventLexicon.default(), EventLexicon.default()
    assert a._triggers._latin is b._triggers._latin
    assert a._actors.cyrillic() is b._actors.cyrillic()


def test_english_reads_as_without_the_cyrillic_rows():
    """The Cyrillic rows change nothing in English, also in a text that mixes scripts."""
    text = resources.files("geoevents").joinpath("data", "triggers.csv").read_text("utf-8")
    latin = "\n".join(line for line in text.splitlines() if not rules.CYRILLIC.search(line))
    english_only = EventLexicon([], []).extend(triggers=latin + "\n")
    for sentence in (
        "Drones struck a depot near Lubny; shelling hit Hadiach and troops captured Vyshneve.",
        "Shelling hit Lubny (Лубни) overnight, officials said.",
    ):
        assert [(s, e, t) for s, e, t in english_only.triggers_in(sentence)] == [
            (s, e, t)
            for s, e, t in LEX.triggers_in(sentence)
            if not rules.CYRILLIC.search(sentence[s:e])
        ]
