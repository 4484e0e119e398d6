"""How sure and how bad (``geoevents._events.status``): a sentence's status, its dead, and
whether a trigger tells news. Invented sentences."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from geoevents._events.status import fatalities_in, is_news, status_of


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The army said it captured the town.", "reported"),
        ("The army claimed it captured the town.", "claimed"),
        ("Drones reportedly hit a depot.", "unconfirmed"),
        ("Rebels allegedly shelled the town.", "unconfirmed"),
        ("The strike could not be independently verified.", "unconfirmed"),
        # a claim nobody could check is unconfirmed, the weaker of the two
        ("The ministry claimed a strike that could not be verified.", "unconfirmed"),
    ],
)
def test_status_of_a_sentence(sentence, status):
    assert status_of(sentence) == status


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("The strike killed at least 12 people and wounded 30.", 12),
        ("Twelve people were killed and 40 were wounded.", 12),  # the wounded are not dead
        ("Two soldiers died in the shelling.", 2),
        ("The shelling killed 1,200 people over a month.", 1200),
        ("Dozens of people were killed.", 24),  # the least "dozens" can mean
        ("Three were killed at dawn; later 15 were found dead.", 15),  # the largest count
        ("No casualties were reported.", 0),  # zero, not unknown
        ("Shelling wounded 30 people.", None),
        ("Shelling damaged 3 houses.", None),
    ],
)
def test_fatalities_in_a_sentence(sentence, dead):
    assert fatalities_in(sentence) == dead


PUBLISHED = SimpleNamespace(published=dt.date(2022, 5, 4))
UNDATED = SimpleNamespace(published=None)


def news(sentence: str, trigger: str, report=PUBLISHED) -> bool:
    ts = sentence.index(trigger)
    return is_news(sentence, 0, len(sentence), ts, ts + len(trigger), report)


@pytest.mark.parametrize(
    ("sentence", "trigger", "told"),
    [
        ("Troops struck the depot again.", "struck", True),
        ("Troops could strike the depot again.", "strike", False),  # what might happen
        ("Troops are preparing for an assault on the depot.", "assault", False),
        ("Troops occupied the town on Monday.", "occupied", True),
        ("Residents of occupied Tokmak protested.", "occupied", False),  # how a place is
        ("The port, which troops seized in 2014, was quiet.", "seized", False),  # history
    ],
)
def test_a_trigger_tells_news_not_plans_descriptions_or_history(sentence, trigger, told):
    assert news(sentence, trigger) is told


def test_a_year_is_history_only_against_a_publication_date():
    sentence = "The port, which troops seized in 2014, was quiet."
    assert news(sentence, "seized", UNDATED)  # no date to compare with: not history
    assert news("Troops seized the port in 2022.", "seized")  # the report's own year


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # telling is reporting, as "said": "повідомляє", "заявили", "сообщили"
        ("Обласна адміністрація повідомляє про обстріл Лубен.", "reported"),
        ("У штабі заявили, що ворог обстріляв Гадяч.", "reported"),
        ("В штабе сообщили об обстреле Гадяча.", "reported"),
        # a side's own claim
        ("Окупанти стверджують, що захопили Вишневе.", "claimed"),
        ("Минобороны утверждает, что войска взяли Вишневе.", "claimed"),
        ("За твердженням ворога, село захоплено.", "claimed"),
        # hedges
        ("За попередніми даними, поранено двох людей.", "unconfirmed"),
        ("За попередньою інформацією, дрон влучив у склад.", "unconfirmed"),
        ("По предварительным данным, пострадавших нет.", "unconfirmed"),
        ("По неподтверждённым данным, склад сгорел.", "unconfirmed"),
        ("Дрони нібито влучили в нафтобазу.", "unconfirmed"),
        ("Беспилотники якобы сбиты над Гадячем.", "unconfirmed"),
        ("Інформацію не вдалося незалежно перевірити.", "unconfirmed"),
        # a claim nobody could check is unconfirmed, the weaker of the two
        ("Окупанти стверджують, що нібито збили літак.", "unconfirmed"),
    ],
)
def test_status_of_a_ukrainian_or_russian_sentence(sentence, status):
    assert status_of(sentence) == status


@pytest.mark.parametrize(
    ("sentence", "trigger", "told"),
    [
        ("Ворог знову обстріляв Лубни.", "обстріляв", True),
        ("Ворог може обстріляти Лубни.", "обстріляти", False),  # what might happen
        ("Оголошено тривогу через загрозу ракетного удару.", "ракетного", False),  # an alert
        ("Окупанти готуються до наступу на Гадяч.", "наступу", False),  # a plan
        ("Существует угроза обстрела Гадяча.", "обстрела", False),
        ("Село, яке окупанти захопили у 2014 році, тихе.", "захопили", False),  # history
        ("Окупанти захопили село у 2022 році.", "захопили", True),  # the report's own year
    ],
)
def test_a_cyrillic_trigger_tells_news_not_plans_or_history(sentence, trigger, told):
    assert news(sentence, trigger) is told


@pytest.mark.parametrize(
    ("sentence", "deaths"),
    [
        ("Унаслідок удару загинула одна людина, ще двоє дістали поранення.", 1),
        ("Загинули двоє цивільних.", 2),
        ("Внаслідок обстрілу загинули 5 людей.", 5),
        ("По данным властей, погибли три человека.", 3),
        ("Троє військових загинули.", 3),
        ("Загиблих немає, одного працівника поранено.", 0),
        ("Обошлось без жертв.", 0),
        ("Поранено трьох цивільних.", None),  # wounded, not killed
        ("Там погиб один военный, ранены четверо.", 1),
        # a number with a unit after it counts no one: a date, a year, hours
        ("Унаслідок удару 5 травня загинули троє людей.", 3),
        ("У 2022 році загинули двоє військових.", 2),
        ("За 24 години загинули двоє.", 2),
        # an English sentence that names a place in Cyrillic too
        ("Three civilians were killed in Kharkiv (Харків).", 3),
    ],
)
def test_deaths_told_in_ukrainian_and_russian(sentence, deaths):
    """Issue 13: the number killed, in words or digits, before or after the word."""
    assert fatalities_in(sentence) == deaths
