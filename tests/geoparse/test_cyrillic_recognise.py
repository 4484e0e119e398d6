"""CyrillicRecogniser (``geoevents._geoparse.cyrillic_recognise``): a Ukrainian or Russian
text in, the place names in it out. A small gazetteer with Cyrillic names; invented
sentences; no full index."""

from __future__ import annotations

import pytest

from geoevents import Gazetteer, Geoparser
from geoevents._geoparse.candidates import CandidateFinder
from geoevents._geoparse.cyrillic_recognise import CyrillicRecogniser

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
c-ua,Ukraine,Україна,country,UA,,49.0,32.0,41000000,
c-us,United States,,country,US,,39.8,-98.6,330000000,
c-pa,Pennsylvania,,admin1,US,Pennsylvania,40.9,-77.8,13000000,
c-zo,Zaporizka oblast,Запорізька область|Запорожская область,admin1,UA,Zaporizka oblast,47.5,35.5,,
c-kh,Kharkiv,Харків|Харьков,city,UA,Kharkivska oblast,50.0,36.23,1400000,
c-km,Kharkivska oblast,Харківська область,admin1,UA,Kharkivska oblast,49.5,36.5,2600000,
c-ba,Bakhmut,Бахмут,city,UA,Donetska oblast,48.6,38.0,73000,
c-kr,Kryvyi Rih,Кривий Ріг,city,UA,Dnipropetrovska oblast,47.9,33.4,600000,
c-my,Myr,Мир,city,UA,Khersonska oblast,46.9,33.1,300,
c-bi,Bibi,Бібі,city,UA,Odeska oblast,46.1,30.1,400,
c-me,Mei,Мей,city,UA,Sumska oblast,50.9,34.8,500,
"""


def _write(tmp_path, rows: str):
    """A places CSV of ``rows`` (after HEADER) in ``tmp_path``."""
    path = tmp_path / "places.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return Gazetteer.from_places(_write(tmp_path_factory.mktemp("cyrillic"), PLACES))


@pytest.fixture(scope="module")
def rec(gaz) -> CyrillicRecogniser:
    return CyrillicRecogniser(CandidateFinder(gaz))


def found(rec, text: str, lang: str = "uk") -> dict[str, str]:
    """{mention: the name of its likeliest place} of the text."""
    gaz = rec.finder.gazetteer
    out = {}
    for m in rec.recognise(text, lang):
        best = max(m.hit.places, key=lambda i: rec.finder.prior[i])
        out[text[m.start : m.end]] = gaz.place(int(best)).name
    return out


@pytest.mark.parametrize(
    ("text", "lang", "places"),
    [
        # declined names and their type words
        ("У Харкові та під Бахмутом лунали вибухи, ракети летіли над Запорізькою областю.",
         "uk", {"Харкові": "Kharkiv", "Бахмутом": "Bakhmut",
                "Запорізькою областю": "Zaporizka oblast"}),
        # names of two words, regions in -щина
        ("Ракета влучила у Кривому Розі; на Харківщині тривога.",
         "uk", {"Кривому Розі": "Kryvyi Rih", "Харківщині": "Kharkivska oblast"}),
        # country names from CLDR, acronyms news use, US states from iso-codes
        ("Делегація України прибула до США, а згодом до Пенсільванії.",
         "uk", {"України": "Ukraine", "США": "United States", "Пенсільванії": "Pennsylvania"}),
        ("Беспилотники атаковали Харьков, в Запорожской области объявлена тревога.",
         "ru", {"Харьков": "Kharkiv", "Запорожской области": "Zaporizka oblast"}),
    ],
)  # fmt: skip
def test_places_in_their_case_forms(rec, text, lang, places):
    assert found(rec, text, lang) == places


@pytest.mark.parametrize(
    "text",
    [
        "Підтримку висловила Тереза Мей. Мей також заявила про санкції.",  # a person's name
        "Християнка Азія Бібі досі у вʼязниці, Бібі виправдали.",  # her name, both times
        "Мир настав не скоро.",  # a common word opening a sentence, a village's name too
        "Заяву зробив президент Мей.",  # after a title
        "ЗСУ відбили атаку.",  # an acronym that is no country
    ],
)
def test_people_organisations_and_common_words_are_no_places(rec, text):
    assert found(rec, text) == {}


def test_an_acronym_or_a_country_ends_its_name_before_a_persons(rec):
    """ "президента США Дональда Трампа": one run of capitals, two names."""
    assert found(rec, "Лист надіслали до президента США Дональда Трампа.") == {
        "США": "United States"
    }


def test_geoparse_reads_a_ukrainian_report_in_its_own_language(gaz):
    """The language is told from the text; ``mention`` keeps the declined form."""
    df = Geoparser(gaz).parse("Вибухи у Харкові, ворог обстріляв Бахмут.")
    assert df[["mention", "name", "kind"]].values.tolist() == [
        ["Харкові", "Kharkiv", "city"], ["Бахмут", "Bakhmut", "city"],
    ]  # fmt: skip
    # the same text read as English finds no place: the language decides the reader
    assert Geoparser(gaz).parse("Вибухи у Харкові, ворог обстріляв Бахмут.", lang="en").empty


def test_a_capitalised_title_and_a_person_after_a_country(rec):
    """ "Президентом США": the title opens the run; "до України Тереза Мей", "президенту
    України Петру Іваненку": the country ends its name, a person's follows, and a place
    after it is read too ("України Харків")."""
    assert found(rec, "Він став Президентом США у січні.") == {"США": "United States"}
    assert found(rec, "Візит до України Тереза Мей скасувала.") == {"України": "Ukraine"}
    assert found(rec, "Лист надіслали президенту України Петру Іваненку.") == {"України": "Ukraine"}
    assert found(rec, "Заяву зробив губернатор Пенсільванії Джон Сміт.") == {
        "Пенсільванії": "Pennsylvania"
    }
    assert found(rec, "Делегацію України Харків прийняв тепло.") == {
        "України": "Ukraine", "Харків": "Kharkiv",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "mention"),
    [
        ("Кораблі увійшли до Балтійського моря.", "uk", "Балтійського моря"),
        ("Ракеты КНДР способны поразить США.", "ru", "КНДР"),
        ("КИЇВ. Уночі пролунали вибухи.", "uk", "КИЇВ"),
    ],
)
def test_seas_acronyms_and_names_in_capitals(tmp_path, text, lang, mention):
    path = _write(
        tmp_path,
        PLACES
        + "c-bs,Baltic Sea,Балтійське море|Балтийское море,natural,,,58.0,20.0,,\n"
        + "c-kp,North Korea,,country,KP,,40.0,127.0,26000000,\n"
        + "c-ky,Kyiv,Київ,city,UA,Kyiv,50.45,30.52,2900000,\n",
    )
    rec = CyrillicRecogniser(CandidateFinder(Gazetteer.from_places(path)))
    assert mention in found(rec, text, lang)


def test_a_name_listed_as_no_place_is_none(tmp_path):
    """cyrillic_names.csv's code "-": Russian texts name the EU as an organisation,
    though the gazetteer holds its Russian names."""
    eu = "c-eu,European Union,ЕС|Евросоюз|ЄС|Євросоюз,region,,,50.0,10.0,450000000,\n"
    rec = CyrillicRecogniser(CandidateFinder(Gazetteer.from_places(_write(tmp_path, PLACES + eu))))
    assert found(rec, "Лидеры стран, входящих в Евросоюз, обсудили санкции.", "ru") == {}
    assert found(rec, "Лідери країн, що входять до Євросоюзу, обговорили санкції.") == {
        "Євросоюзу": "European Union"
    }


def test_a_small_town_abroad_is_no_reading_of_a_cyrillic_word(tmp_path):
    """ "Сили оборони": GeoNames spells Sealy, Texas (6,000 people) "Сили" too; a
    Ukrainian text names small places of the former Soviet Union in Cyrillic, elsewhere
    only areas and towns of 50,000 or more (Houston stays Houston)."""
    path = _write(
        tmp_path,
        PLACES
        + "c-se,Sealy,Сили,city,US,Texas,29.78,-96.16,6000,\n"
        + "c-ho,Houston,Х'юстон,city,US,Texas,29.76,-95.36,2300000,\n",
    )
    rec = CyrillicRecogniser(CandidateFinder(Gazetteer.from_places(path)))
    text = (
        "Генштаб повідомив, що Сили оборони відбили атаку під Бахмутом, а делегація вже в Х'юстоні."
    )
    assert found(rec, text) == {"Бахмутом": "Bakhmut", "Х'юстоні": "Houston"}


def test_a_village_the_gazetteer_lacks_then_its_region(rec):
    """ "село Зелений Гай Запорізької області": the run of capitals is no name the
    gazetteer holds whole, but its end is the region, which stands for the village."""
    assert found(rec, "Ворог обстріляв село Зелений Гай Запорізької області.") == {
        "Запорізької області": "Zaporizka oblast"
    }


def test_the_region_after_a_village_chooses_among_namesakes(tmp_path):
    """ "Петрівку Одеської області", "с. Петрівка, Харківська область": the oblast named
    right after the village, in its case, with or without a comma, picks the namesake
    inside it; "с." abbreviates "village" and opens no sentence."""
    path = _write(
        tmp_path,
        PLACES
        + "c-od,Odeska oblast,Одеська область,admin1,UA,Odeska oblast,46.5,30.7,2400000,\n"
        + "c-p1,Petrivka,Петрівка,city,UA,Kharkivska oblast,49.4,36.9,900,\n"
        + "c-p2,Petrivka,Петрівка,city,UA,Odeska oblast,47.0,30.0,800,\n",
    )
    parser = Geoparser(Gazetteer.from_places(path))
    for text, admin1 in [
        ("Ворог обстріляв Петрівку Одеської області.", "Odeska oblast"),
        ("Обстріляно с. Петрівка, Харківська область.", "Kharkivska oblast"),
    ]:
        rows = parser.parse(text)
        village = rows[rows["name"] == "Petrivka"]
        assert village["admin1"].tolist() == [admin1], text


def test_a_village_not_in_the_region_named_after_it_stands_at_the_region(tmp_path):
    """ "Петрівку Запорізької області" where the gazetteer holds no Petrivka in that
    oblast: the mention is partial, and the event stands at the oblast (precision 3)."""
    from geoevents import extract_events

    path = _write(
        tmp_path, PLACES + "c-p1,Petrivka,Петрівка,city,UA,Kharkivska oblast,49.4,36.9,900,\n"
    )
    gaz = Gazetteer.from_places(path)
    events = extract_events("Ворог обстріляв Петрівку Запорізької області.",
                            published="2023-05-03", gazetteer=gaz)  # fmt: skip
    assert events[["location", "geo_precision"]].values.tolist() == [["Zaporizka oblast", 3]]


def test_a_town_named_before_a_person_stays_a_town(tmp_path):
    """ "Мер Львова Андрій Садовий": the town, then the mayor's name (a first name
    follows the town), and Lviv stays a place through the text; a run of a thousand
    country names is read without recursion."""
    lviv = "c-lv,Lviv,Львів,city,UA,Lvivska oblast,49.84,24.03,720000,\n"
    rec = CyrillicRecogniser(
        CandidateFinder(Gazetteer.from_places(_write(tmp_path, PLACES + lviv)))
    )
    text = "Мер Львова Андрій Садовий заявив, що у Львові пролунали вибухи."
    assert [text[m.start : m.end] for m in rec.recognise(text, "uk")] == ["Львова", "Львові"]
    assert len(rec.recognise("Україна " * 1500, "uk")) >= 1499  # the first opens the run


def test_a_given_span_is_read_in_its_base_form(gaz):
    """``spans=`` in Ukrainian: "Харкові" is Kharkiv, not a stand-in."""
    df = Geoparser(gaz).parse("Вибухи у Харкові та під Бахмутом.", spans=[(9, 16)])
    assert df[["mention", "name", "kind"]].values.tolist() == [["Харкові", "Kharkiv", "city"]]


def test_a_region_in_a_list_is_no_address(tmp_path):
    """ "Бахмут, Запорізьку область і Харківщину": the region after Bakhmut is the next
    item of a list, not Bakhmut's region."""
    parser = Geoparser(Gazetteer.from_places(_write(tmp_path, PLACES)))
    df = parser.parse("Ворог обстріляв Бахмут, Запорізьку область і Харківщину.")
    assert df.loc[df["mention"] == "Бахмут", "name"].tolist() == ["Bakhmut"]


def test_a_first_name_that_is_a_country_before_a_surname_is_a_person(tmp_path):
    """ "Доминика Рааба": Dominic Raab (Доминик is a first name), not Dominica; the
    country stays a country before a first name ("Доминика Джон Сміт" would split)."""
    rows = PLACES + "c-dm,Dominica,,country,DM,,15.4,-61.4,72000,\n"
    rec = CyrillicRecogniser(CandidateFinder(Gazetteer.from_places(_write(tmp_path, rows))))
    assert found(rec, "Позицию озвучил глава МИД Доминика Рааба.", "ru") == {}
    assert found(rec, "Делегация прибыла из Доминики вчера.", "ru") == {"Доминики": "Dominica"}


def test_a_front_named_by_its_towns_adjective(tmp_path):
    """ "на Бахмутському напрямку", "на Авдіївському та Куп'янському напрямках", "на
    Донецком направлении": the fronts' towns, each an axis (precision 2)."""
    rows = PLACES + (
        "c-av,Avdiivka,Авдіївка|Авдеевка,city,UA,Donetska oblast,48.14,37.75,32000,\n"
        "c-ku,Kupiansk,Куп'янськ|Купянск,city,UA,Kharkivska oblast,49.71,37.62,27000,\n"
        "c-do,Donetsk,Донецьк|Донецк,city,UA,Donetska oblast,48.0,37.8,900000,\n"
    )
    parser = Geoparser(Gazetteer.from_places(_write(tmp_path, rows)))
    for text, names in [
        ("Бої тривають на Бахмутському напрямку.", ["Bakhmut"]),
        ("На Авдіївському та Куп'янському напрямках тривають бої.", ["Avdiivka", "Kupiansk"]),
        ("На Донецком направлении отражены атаки.", ["Donetsk"]),
    ]:
        df = parser.parse(text)
        assert df["name"].tolist() == names, text
        assert set(df["precision"]) == {2}, text
