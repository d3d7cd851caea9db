"""Russian-language articles: places through morphology, dates, counts and events (issue 9)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geomap.counts import find_counts
from geomap.events import extract_events
from geomap.gazetteer import Gazetteer
from geomap.lang import get as get_language
from geomap.places import find_places
from geomap.timex import find_dates

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
RU = get_language("ru")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def ru_evs(text: str, gaz: Gazetteer, published: date):
    return extract_events(text, find_places(text, gaz, language="ru"), published=published, gazetteer=gaz,
                          language="ru")


def places(text: str, gaz: Gazetteer) -> dict[str, str | None]:
    return {m.text: (m.place.place_id if m.status in ("resolved", "foreign") else None)
            for m in find_places(text, gaz, language="ru")}


def test_pymorphy_loads_offline_from_the_installed_wheel():
    from geomap.lang.ru import parses

    assert parses("Жанаозене")[0][0] == "жанаозен"


def test_language_lookup_falls_back_to_english():
    assert get_language("ru-KZ") is RU
    assert get_language("de").code == "en" and get_language(None).code == "en"


@pytest.mark.parametrize("text, surface, place_id", [
    ("Митинг прошел в Жанаозене.", "Жанаозене", "gn:607610"),
    ("Люди приехали из Актау.", "Актау", "gn:610612"),
    ("В Нур-Султане задержали людей.", "Нур-Султане", "gn:1526273"),
    ("Режим ЧП введен в Алматинской области.", "Алматинской области", "iso:KZ-19"),
    ("Жители Мангистауской области вышли на митинг.", "Мангистауской области", "iso:KZ-47"),
    ("Люди собрались на площади Республики.", "площади Республики", "lm:republic-square-almaty"),
    ("Рабочие из Западно-Казахстанской области бастуют.", "Западно-Казахстанской области", "iso:KZ-27"),
    ("Собрание прошло в Ақтау.", "Ақтау", "gn:610612"),
    ("Войска прибыли из России.", "России", "country:RU"),
    ("Протесты охватили весь Казахстан.", "Казахстан", "country:KZ"),
    ("Заявление сделали в Кремле.", "Кремле", "lm:kremlin-moscow"),
    ("Автобус из Орала пришёл с опозданием.", "Орала", "gn:608668"),  # the analyser reads 'орать' first
    ("Вечером жители Махамбете снова собрались.", "Махамбете", "gn:608915"),
    ("Дорогу к Перемётному так и не отремонтировали.", "Перемётному", "gn:608629"),  # also a common adjective
    ("Забастовка в Новом Узене длилась неделю.", "Новом Узене", "gn:607610"),  # Узень: a noun in -ь
    ("Морозы ударили в Северо-Казахстанской области.", "Северо-Казахстанской области", "iso:KZ-59"),
    ("Новую школу открыли в области Абай.", "Абай", "iso:KZ-10"),  # the region named after a person
    ("Люди вышли на центральной площади Жанаозена.", "центральной площади Жанаозена",
     "lm:zhanaozen-central-square"),
    ("В 1990 году в Джамбуле прошёл митинг.", "Джамбуле", "gn:1516905"),  # Taraz's Soviet name
    ("Погибший был родом из Кордая.", "Кордая", "gn:1524243"),  # a name in -й the analyser lacks
    ("У нас в Кульсарах воды нет.", "Кульсарах", "gn:609123"),  # a plural name
    ("Жители одного из микрорайонов Жанаозена перекрыли проезд.", "Жанаозена", "gn:607610"),
])
def test_inflected_names_resolve(gaz, text, surface, place_id):
    assert places(text, gaz)[surface] == place_id


def test_region_adjectives_in_a_list(gaz):
    found = places("В Алматинской и Жамбылской областях отменили комендантский час.", gaz)
    assert found == {"Алматинской": "iso:KZ-19", "Жамбылской областях": "iso:KZ-31"}


@pytest.mark.parametrize("text", [
    "Нур-Султан Назарбаев выступил с обращением.",
    "На улице Абая в центре города тихо.",
    "Митингующие собрались на площади Абая.",  # a square named after a poet, not the town Abay
    "Выставка посвящена Канышу Сатпаеву и его открытиям.",  # a first name the analyser does not know
    "Памятник Тарасу Шевченко стоит в парке.",
    "В зале вспоминали Махамбета Утемисулы.",
])
def test_persons_and_streets_are_not_places(gaz, text):
    assert not any(v for v in places(text, gaz).values() if v and v != "country:KZ")


def test_a_court_named_after_a_region_names_no_event_place(gaz):
    ms = find_places("В среду межрайонный суд по уголовным делам Жетысуской области огласил приговор. "
                     "Суд в Алматы вынес приговор.", gaz, language="ru")
    assert [(m.text, m.eventable) for m in ms] == [("Жетысуской области", False), ("Алматы", True)]
    assert ms[0].status == "rejected"  # an organisation's name, as "суд Темиртау" after its head


def test_a_neighbour_by_name_is_a_person(gaz):
    assert places("Мой сосед Алтай потом рассказывал, что фуры стояли до поворота.", gaz) == {"Алтай": None}


def test_quoted_organisation_is_at_most_the_country(gaz):
    ms = find_places("Агентство «Спутник Казахстан» сообщило о митинге в Актау.", gaz, language="ru")
    kz = next(m for m in ms if m.text == "Казахстан")
    assert kz.place.place_id == "country:KZ" and not kz.eventable
    assert next(m for m in ms if m.text == "Актау").eventable


def test_common_adjective_is_not_a_village(gaz):
    assert "Мирные" not in places("Мирные жители пострадали.", gaz)


@pytest.mark.parametrize("text, start, end, precision", [
    ("5 января 2022 года", date(2022, 1, 5), date(2022, 1, 5), 1),
    ("вчера", date(2022, 1, 6), date(2022, 1, 6), 1),
    ("в пятницу", date(2022, 1, 7), date(2022, 1, 7), 1),
    ("с 5 по 19 января", date(2022, 1, 5), date(2022, 1, 19), 1),
    ("в начале января", date(2022, 1, 1), date(2022, 1, 10), 2),
    ("в середине января", date(2022, 1, 11), date(2022, 1, 20), 2),
    ("на прошлой неделе", date(2021, 12, 27), date(2022, 1, 2), 2),
    ("три дня назад", date(2022, 1, 4), date(2022, 1, 4), 1),
])
def test_russian_dates(text, start, end, precision):
    (d,) = find_dates(text, date(2022, 1, 7), lexicon=RU.lexicon)
    assert (d.date_start, d.date_end, d.precision) == (start, end, precision)


def test_until_sets_only_the_end():
    (d,) = find_dates("до 19 января", date(2022, 1, 7), lexicon=RU.lexicon)
    assert d.kind == "until" and d.date_end == date(2022, 1, 19)


@pytest.mark.parametrize("text, expected", [
    ("Около тысячи человек собрались на площади.", (1000, 1000, "participants")),
    ("На митинг вышли 50-60 человек.", (50, 60, "participants")),
    ("Задержаны более 30 человек.", (30, None, "detained")),
    ("Сотни жителей вышли на улицы.", (200, None, "participants")),
    ("18 сотрудников силовых структур погибли.", (18, 18, "killed")),
    ("Пострадали около тысячи человек.", (1000, 1000, "injured")),
    ("Полиция задержала 12 участников митинга.", (12, 12, "detained")),
    ("У акимата собрались около двухсот человек.", (200, 200, "participants")),  # genitive after a hedge
    ("Задержаны более сорока человек.", (40, None, "detained")),
    ("На площадь вышли двести пятьдесят человек.", (250, 250, "participants")),
    ("Собрались две тысячи человек.", (2000, 2000, "participants")),
])
def test_russian_counts(text, expected):
    (c,) = find_counts(text, language="ru")
    assert (c.min, c.max, c.role) == expected


def test_the_nearest_role_word_gives_the_role():
    counts = find_counts("Пострадали пять человек, погибли два полицейских.", language="ru")
    assert [(c.min, c.role) for c in counts] == [(5, "injured"), (2, "killed")]


def test_money_and_dates_are_not_counts():
    assert find_counts("Цена выросла до 120 тенге 5 января 2022 года.", language="ru") == []


def test_events_with_modality_and_counts(gaz):
    text = ("В Алматы 4 января полиция разогнала митинг на площади Республики, задержаны 20 человек. "
            "Протестующие намерены выйти на площадь в Актау завтра. Митинг в Актобе не состоялся.")
    events = ru_evs(text, gaz, date(2022, 1, 6))
    assert [(e.place.place_id, e.event_date, e.action, e.detained) for e in events] == [
        ("lm:republic-square-almaty", date(2022, 1, 4), "dispersal", 20)]


def test_a_correction_withdraws_the_earlier_figure(gaz):
    text = ("В первоначальной версии материала ошибочно указано, что в Актобе задержали 40 человек. "
            "На самом деле задержаны 14 человек.")
    events = ru_evs(text, gaz, date(2022, 1, 6))
    assert [(e.place.place_id, e.detained) for e in events] == [("gn:610611", 14)]


def test_russian_bench_meets_the_goals(gaz):
    """The labelled Russian sets (our own sentences) score like the English goals."""
    import sys

    sys.path.insert(0, str(DATA.parent))
    import accuracy

    s = accuracy.score_places(gaz, accuracy.load("places_ru.jsonl"), accuracy.sentence_runner(gaz, "ru"))
    assert s.tp / (s.tp + s.fp) >= 0.97 and s.found / s.gold >= 0.95
    rows = [json.loads(line) for line in open(DATA / "events_ru.jsonl", encoding="utf-8")]
    assert sum(len(r["events"]) for r in rows) >= 60


def test_russian_label_offsets(gaz):
    for line in open(DATA / "places_ru.jsonl", encoding="utf-8"):
        row = json.loads(line)
        for m in row["mentions"]:
            assert row["text"][m["start"]:m["end"]] == m["text"]
            assert m["place_id"] is None or gaz.get(m["place_id"])


@pytest.mark.parametrize("text, surface, place_id", [
    ("Толпа захватила здание акимата Алматы.", "здание акимата Алматы", "lm:almaty-city-akimat"),
    ("В Алматы горит здание городского акимата.", "здание городского акимата", "lm:almaty-city-akimat"),
    ("В Алматы и у акимата в Шымкенте собрались люди.", "акимата", None),
    ("В Кандыагаше рабочие провели собрание.", "Кандыагаше", "gn:608679"),
    ("Ситуация в Мангистау остается напряженной.", "Мангистау", "iso:KZ-47"),
    ("Перекрыли трассу Жанаозен – Актау.", "Актау", None),  # a road's name (as most batches label it)
])
def test_russian_place_patterns(gaz, text, surface, place_id):
    (m,) = [m for m in find_places(text, gaz, language="ru") if m.text == surface]
    assert (m.place.place_id if m.status == "resolved" else None) == place_id


def test_a_surname_named_once_is_a_person_again(gaz):
    ms = find_places("Экономист Айгерим Сатпаева считает иначе. – Цены выросли, – говорит Сатпаева.",
                     gaz, language="ru")
    assert all(m.status == "rejected" for m in ms if m.text.startswith("Сатпаев"))


# --- mixed-language articles: sentence by sentence ------------------------------------------------

def test_segments_cut_at_sentences_by_script():
    from geomap.lang import segments

    text = ("Police detained 20 people in Aktau on Tuesday. \u00abВчера в Жанаозене собрались около "
            "тысячи человек\u00bb, an activist said.\nЖанаозен (Zhanaozen) is quiet today.")
    runs = segments(text, "en")
    assert [c for *_, c in runs] == ["en", "ru", "en"]
    assert text[runs[1][0]:runs[1][1]].startswith("\u00abВчера")
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))  # no gap, no overlap


@pytest.mark.parametrize("text, code", [
    ("Thousands rallied in Zhanaozen (Жанаозен) on Sunday.", "en"),  # a name in brackets
    ("В Актау прошёл митинг. Фото: Vlast.kz", "ru"),                  # a photo credit
    ("Protesters gathered in Aktau. They chanted «Шал кет»", "en"),  # a two-word slogan
])
def test_a_short_foreign_script_piece_does_not_make_a_run(text, code):
    from geomap.lang import segments

    assert segments(text, code) == [(0, len(text), code)]


def test_a_mixed_article_is_read_in_both_languages(gaz):
    from geomap.ingest import article_from_text
    from geomap.pipeline import process_article

    text = ("ALMATY, Jan 6 (Wire) - Police detained 20 people in Aktau on Tuesday, the ministry said.\n"
            "\u00abВчера в Жанаозене на площади собрались около тысячи человек\u00bb, a local activist "
            "told reporters.\nПротестующие перекрыли дорогу в Атырау в среду.\n"
            "In Uralsk, about 300 people rallied on Wednesday.")
    result = process_article(article_from_text(text, published=date(2022, 1, 6)), gaz)
    got = {(e.place.name, e.event_date.isoformat(), e.action, e.participants_min, e.detained)
           for e in result.events}
    assert got == {("Aktau", "2022-01-04", "detention", None, 20),
                   ("Zhanaozen", "2022-01-05", "rally", 1000, None),
                   ("Atyrau", "2022-01-05", "road block", None, None),
                   ("Oral", "2022-01-05", "rally", 300, None)}
    assert {m.text for m in result.mentions if m.status == "resolved"} >= {
        "Aktau", "Жанаозене", "Атырау", "Uralsk"}


def test_the_same_event_told_in_two_languages_is_one_event(gaz):
    from geomap.ingest import article_from_text
    from geomap.pipeline import process_article

    text = ("5 января в Актау на площади Ынтымак собрались около 5000 человек.\n\n"
            "On 5 January about 5,000 people gathered on Yntymak Square in Aktau.")
    result = process_article(article_from_text(text, published=date(2022, 1, 6)), gaz)
    assert len(result.events) == 1
    (event,) = result.events
    assert event.event_date == date(2022, 1, 5) and event.participants_min == 5000
    assert "Ынтымак" in event.evidence and "Yntymak" in event.evidence


def test_a_latin_name_in_a_russian_sentence_is_found(gaz):
    from geomap.ingest import article_from_text
    from geomap.pipeline import process_article

    text = ("11:15 Our correspondent in Aktobe sends this: \u00abУ здания областного акимата снова "
            "собрались около двухсот человек\u00bb.\n12:05 Reports of gunfire in Almaty, witnesses say.")
    result = process_article(article_from_text(text, published=date(2022, 1, 6)), gaz)
    assert {m.text for m in result.mentions if m.status == "resolved"} >= {"Aktobe", "Almaty"}
    assert ("Aktobe", "Protests", 200) in {(e.place.name, e.event_type, e.participants_min)
                                           for e in result.events}


def test_both_regions_are_the_places_named_before(gaz):
    text = ("В Алматы и Мангистауской области введено чрезвычайное положение до 19 января. "
            "В обоих регионах на тот же срок вводится комендантский час.")
    events = ru_evs(text, gaz, date(2022, 1, 5))
    assert {(e.place.place_id, e.action) for e in events if e.action == "curfew"} == {
        ("gn:1526384", "curfew"), ("iso:KZ-47", "curfew")}


def test_an_article_in_the_other_script_than_declared_is_read_in_its_own(gaz):
    from geomap.ingest import article_from_text
    from geomap.pipeline import process_article

    article = article_from_text("Thousands of protesters rallied in Zhanaozen on Sunday.",
                                published=date(2022, 1, 5), language="ru")
    result = process_article(article, gaz)
    assert [(e.place.place_id, e.action) for e in result.events] == [("gn:607610", "rally")]


def test_a_tally_of_detentions_by_city_in_russian(gaz):
    text = "Задержания в воскресенье по городам:\n\nАлматы \u2014 120 человек\nАстана \u2014 48\nАктобе: 9 задержанных\n"
    ms = find_places(text, gaz, published=date(2021, 1, 11), language="ru")
    evs = extract_events(text, ms, published=date(2021, 1, 11), gazetteer=gaz, language="ru")
    assert {(e.place.place_id, e.detained) for e in evs if e.place.kind != "country"} == {
        ("gn:1526384", 120), ("gn:1526273", 48), ("gn:610611", 9)}


@pytest.mark.parametrize("text, start", [
    ("Митинг на площади идёт уже пятый день.", date(2022, 1, 2)),
    ("Забастовка продолжается уже вторые сутки.", date(2022, 1, 5)),
    ("Жители перекрывают дорогу третий день подряд.", None),  # that day's road block
])
def test_how_many_days_something_has_gone_on(text, start):
    found = find_dates(text, date(2022, 1, 6), lexicon=get_language("ru").lexicon)
    assert [(d.date_start, d.date_end) for d in found] == ([(start, date(2022, 1, 6))] if start else [])


def test_a_town_named_after_a_person_is_a_place_after_its_noun(gaz):
    found = places("Книгу о Динмухамеде Кунаеве представили в 2023 году. Город Конаев назван в его честь.", gaz)
    assert found.get("Конаев") == "gn:1519948"


def test_dated_tallies_under_a_city_heading(gaz):
    text = ("Данные о задержаниях участников акций 9 июня 2019 года.\n\nАктобе. 9 июня \u2013 23, 10 июня \u2013 6.\n\n"
            "Уральск. 9 июня \u2013 19 человек, в том числе двое несовершеннолетних.\n")
    ms = find_places(text, gaz, published=date(2019, 6, 11), language="ru")
    evs = extract_events(text, ms, published=date(2019, 6, 11), gazetteer=gaz, language="ru")
    assert {(e.place.place_id, e.event_date.isoformat(), e.detained) for e in evs} == {
        ("gn:610611", "2019-06-09", 23), ("gn:610611", "2019-06-10", 6), ("gn:608668", "2019-06-09", 19)}


def ru_events(text: str, gaz, published=date(2024, 1, 17)):
    ms = find_places(text, gaz, published=published, language="ru")
    return {(e.place.name, e.event_date.isoformat(), e.event_date_end.isoformat(), e.action)
            for e in extract_events(text, ms, published=published, gazetteer=gaz, language="ru")}


def test_russian_gatherings_road_blocks_and_spread(gaz):
    assert ru_events("В Махамбете, что в 50 километрах от Атырау, в декабре прошлого года на стихийный сход "
                     "к акимату вышли жители.", gaz) == {("Makhambet", "2023-12-01", "2023-12-31", "rally")}
    assert ru_events("Жители поселка Алга в начале января дважды перекрывали въезд в поселок.", gaz) == {
        ("Algha", "2024-01-01", "2024-01-10", "road block")}
    assert ru_events("Все помнят январь 2022 года, когда протест, начавшийся в Жанаозене, за несколько дней "
                     "дошел до Актау и Орала.", gaz) == {
        (town, "2022-01-01", "2022-01-31", "rally") for town in ("Zhanaozen", "Aktau", "Oral")}
    assert ru_events("В Атырауской области, в Махамбете, вчера прошел митинг.", gaz) == {
        ("Makhambet", "2024-01-16", "2024-01-16", "rally")}
    assert not ru_events("С похожей проблемой столкнулись в Перемётном.", gaz)  # faced, not clashed


def test_two_days_later_said_the_russian_way(gaz):
    found = find_dates("В субботу в Шетпе остановили поезд. Через два дня в Актау собрались люди.",
                       date(2011, 12, 21), lexicon=get_language("ru").lexicon)
    assert [d.date_start for d in found] == [date(2011, 12, 17), date(2011, 12, 19)]
    assert ru_events("В субботу в Шетпе люди вышли на железную дорогу и остановили пассажирский поезд.", gaz,
                     published=date(2011, 12, 21)) == {("Shetpe", "2011-12-17", "2011-12-17", "road block")}


def test_a_deleted_report_is_no_event(gaz):
    assert not ru_events("9 января появилось сообщение о 164 погибших, в том числе 103 в Алматы. Позже его удалили, "
                         "а в Минздраве назвали публикацию «технической ошибкой».", gaz, published=date(2022, 1, 15))


def test_the_day_before_is_the_day_before_the_day_told(gaz):
    lex = get_language("ru").lexicon
    found = find_dates("7 января Минздрав сообщил, что накануне в больницы доставлены раненые.", date(2022, 1, 15),
                       lexicon=lex)
    assert [d.date_start for d in found] == [date(2022, 1, 7), date(2022, 1, 6)]
    assert [d.date_start for d in find_dates("Накануне в Алматы прошел митинг.", date(2022, 1, 15), lexicon=lex)] \
        == [date(2022, 1, 14)]
    # "on the eve of the elections" is no day of its own
    assert [d.date_start for d in find_dates("8 июня, накануне выборов, задержали троих.", date(2019, 6, 11),
                                             lexicon=lex)] == [date(2019, 6, 8)]


def test_liquidated_attackers_are_killed():
    found = find_counts("Полиция заявила, что «ликвидированы» несколько десятков нападавших.", language="ru")
    assert [(c.min, c.role) for c in found] == [(24, "killed")]


def test_a_village_named_after_a_person_is_the_person_without_its_noun(gaz):
    found = places("Военную тему представляет Бауыржан Момышулы, герой войны. Село Бауыржан Момышулы "
                   "находится в Жамбылской области.", gaz)
    ms = [m for m in find_places("Военную тему представляет Бауыржан Момышулы, герой войны. Село Бауыржан "
                                 "Момышулы находится рядом.", gaz, language="ru") if "Момышулы" in m.text]
    assert [m.status for m in ms] == ["rejected", "resolved"] and found


def test_internet_not_working_is_a_shutdown(gaz):
    assert {a for *_, a in ru_events("С 16:00 5 января в Жанаозене не работает интернет.", gaz,
                                     published=date(2022, 1, 6))} == {"internet shutdown"}


def test_a_square_named_after_two_people_and_stones_thrown(gaz):
    assert ru_events("5 января на площади Исатая и Махамбета в Атырау около 16:00 молодые люди начали "
                     "забрасывать камнями полицейских.", gaz, published=date(2022, 1, 6)) == {
        ("Atyrau", "2022-01-05", "2022-01-05", "clash")}


def test_a_total_for_eleven_cities_is_national(gaz):
    evs = ru_events("9 июня в Шымкенте задержан 51 человек. Всего 9 июня в 11 городах задержан 771 человек.", gaz,
                    published=date(2019, 6, 11))
    assert ("Kazakhstan", "2019-06-09", "2019-06-09", "detention") in evs


def test_a_since_date_is_not_the_lead_day(gaz):
    evs = ru_events("Рабочие в Жанаозене бастуют с 26 мая.\n\nГоворят, беспорядки были не только в Жанаозене.", gaz,
                    published=date(2011, 12, 21))
    assert ("Zhanaozen", "2011-05-26", "2011-12-21", "strike") in evs
    assert not any(start == "2011-05-26" and action == "riot" for _, start, _, action in evs)


def test_a_one_person_picket_in_russian():
    assert [(c.min, c.role) for c in find_counts("Активистка вышла на одиночный пикет у акимата.", language="ru")] \
        == [(1, "participants")]


def test_russian_protest_actions_date_lists_and_armed_clashes(gaz):
    text = ("Протестные акции начались 2 января в городе Жанаозен Мангистауской области. "
            "4 и 5 января мирные митинги прошли в Уральске. 8 января в Алматы произошли "
            "вооружённые столкновения. В Актобе 5 января собравшиеся граждане разошлись.")
    evs = ru_evs(text, gaz, date(2022, 1, 11))
    assert [(e.place.place_id, e.event_type, e.action, e.event_date.day, e.event_date_end.day) for e in evs] == [
        ("gn:607610", "Protests", "rally", 2, 2), ("gn:608668", "Protests", "rally", 4, 5),
        ("gn:1526384", "Battles", "armed clash", 8, 8), ("gn:610611", "Protests", "rally", 5, 5)]


def test_a_day_told_in_the_past_is_before_publication():
    from geomap.lang import get as get_lang
    lx = get_lang("ru").lexicon
    told = find_dates("Подсудимый был задержан 14 января.", date(2022, 11, 25), lexicon=lx)
    assert told[0].date_start == date(2022, 1, 14)
    announced = find_dates("Суд отложил рассмотрение дела до 2 января.", date(2022, 11, 25), lexicon=lx)
    assert announced[0].date_end == date(2023, 1, 2)


@pytest.mark.parametrize("text", [
    "Сход жителей Бейнеу, запланированный на субботу, перенесён: в четверг аким встретится с ними.",
    "Информация в социальных сетях о задержании участников схода в Жанаозене не соответствует действительности.",
])
def test_planned_and_refuted_are_no_events(gaz, text):
    assert ru_evs(text, gaz, date(2025, 6, 18)) == []


def test_russian_seasons():
    from geomap.lang import get as get_lang
    lx = get_lang("ru").lexicon
    got = find_dates("Прошлой зимой задержали 23 человека, летом 2019 года прошли митинги.", date(2024, 7, 17),
                     lexicon=lx)
    assert [(d.date_start, d.date_end) for d in got] == [(date(2023, 12, 1), date(2024, 2, 29)),
                                                         (date(2019, 6, 1), date(2019, 8, 31))]


def test_a_running_total_split_by_region_stays_arrests(gaz):
    text = ("4 января в Уральске прошёл митинг.\n\nПо данным МВД, с 4 января за участие в массовых беспорядках задержаны 8 798 "
            "человек. Из них в Алматы — 3 416, в Жамбылской области — 1 102.")
    evs = ru_evs(text, gaz, date(2022, 1, 11))
    assert [(e.place.place_id, e.action, e.detained) for e in evs if e.action == "detention"] == [
        ("country:KZ", "detention", 8798), ("gn:1526384", "detention", 3416), ("iso:KZ-31", "detention", 1102)]


def test_russian_casualties_of_separate_groups_are_added(gaz):
    text = ("По всей стране погибли 17 сотрудников правоохранительных органов, а также 27 вооружённых участников "
            "беспорядков. Ранения получили 1 340 сотрудников полиции, за медицинской помощью обратились 2 015 "
            "гражданских лиц.")
    evs = ru_evs(text, gaz, date(2022, 1, 11))
    assert [(e.killed, e.injured) for e in evs] == [(44, 3355)]


def test_russian_rallies_at_an_akimat_and_inverted_counts(gaz):
    text = ("Позавчера около шестидесяти наших ребят вышли с плакатами к зданию акимата в Кызылорде. "
            "В Бишкеке наши земляки в понедельник постояли с плакатами у посольства.")
    evs = ru_evs(text, gaz, date(2024, 3, 27))
    assert [(e.place.place_id, e.action, e.participants_min) for e in evs] == [("gn:1519922", "rally", 60)]
    assert [(c.min, c.hedge) for c in find_counts("Мы, человек триста, пришли к акимату.", language="ru")] == [
        (300, "about")]


def test_a_user_name_is_no_place(gaz):
    assert places("Балхаш_мама пишет: в Балхаше холодно. Подписывайтесь на @aktau_news.", gaz) == {
        "Балхаше": "gn:1525798"}


def test_a_part_of_a_toll_is_not_added_and_a_dated_range_carries_its_year(gaz):
    text = ("Сегодня исполняется ровно год. С 4 по 7 января 2022 года погибли 238 человек, в том числе 19 "
            "сотрудников полиции.\n\nАзамат, 22 года. Утром 5 января вышел на мирный митинг на площади Республики.")
    evs = ru_evs(text, gaz, date(2023, 1, 5))
    assert [(e.killed, e.event_date) for e in evs] == [(238, date(2022, 1, 4)), (None, date(2022, 1, 5))]


def test_fire_on_workers_gathered_on_a_square_is_force_against_protesters(gaz):
    fired = ru_evs("16 декабря 2011 года полиция открыла огонь по нефтяникам и жителям города, собравшимся "
                   "на центральной площади Жанаозена.", gaz, date(2023, 2, 14))
    stood = ru_evs("В декабре 2011 года он стоял на центральной площади Жаңаөзена, когда полиция открыла огонь.",
                   gaz, date(2023, 2, 14))
    for evs in (fired, stood):
        assert [(e.event_type, e.action, e.place.place_id) for e in evs] == [
            ("Protests", "shooting", "lm:zhanaozen-central-square")]


def test_actions_took_place_in_a_list_that_goes_on_and_a_microdistrict_is_no_village(gaz):
    evs = ru_evs("4 января — акции прошли в г. Кульсары и в Атырау (до 1991 года — Гурьев), а также в "
                 "Уральске и Актобе.", gaz, date(2023, 2, 14))
    assert [e.place.place_id for e in evs] == ["gn:609123", "gn:610529", "gn:608668", "gn:610611"]
    district = ru_evs("В Экибастузе холодно.\n\n29 ноября — около ста жителей мкр. Молодёжный пришли к "
                      "городскому акимату.", gaz, date(2023, 2, 14))
    assert [e.place.name for e in district] == ["Ekibastuz"]


def test_the_night_from_one_day_to_the_next_is_both_days():
    from geomap import lang
    from geomap.timex import find_dates
    got = find_dates("В ночь с 4 на 5 января полиция разогнала протестующих.", date(2022, 1, 10),
                     lexicon=lang.get("ru").lexicon)
    assert [(d.date_start, d.date_end) for d in got] == [(date(2022, 1, 4), date(2022, 1, 5))]


@pytest.mark.parametrize("text", [
    "Протестных акций не зафиксировано.",
    "Акимат Мангистауской области митингов в эти дни не согласовывал.",
    "Запланированный на 29 сентября митинг в Астане против повышения цен.",
    "В Актау митинга не было.",
])
def test_unrecorded_unapproved_planned_and_absent_rallies_are_none(gaz, text):
    assert ru_evs(text, gaz, date(2024, 10, 1)) == []


def test_an_unapproved_rally_that_people_held_anyway_is_one(gaz):
    evs = ru_evs("В Актау митинг не был согласован, но люди вышли на площадь.", gaz, date(2024, 10, 1))
    assert [e.place.place_id for e in evs] == ["gn:610612"]


def test_a_picket_abroad_adds_nothing_to_the_towns_just_named(gaz):
    evs = ru_evs("Вчера митинги шли в Уральске и Атырау. Поддержать земляков вышли и казахстанцы в Москве: у "
                 "посольства прошёл одиночный пикет.", gaz, date(2022, 1, 10))
    assert [(e.place.place_id, e.participants_min) for e in evs] == [("gn:608668", None), ("gn:610529", None)]


def test_streets_a_crowd_came_from_are_no_places_but_a_city_is(gaz):
    got = {m.text: m.status for m in find_places(
        "Днём колонны подходили со стороны Сатпаева и Абая. Грузовики ехали со стороны Шымкента.", gaz,
        language="ru")}
    assert got == {"Сатпаева": "rejected", "Абая": "rejected", "Шымкента": "resolved"}


def test_a_gloss_in_brackets_goes_with_the_places_it_glosses(gaz):
    evs = ru_evs("В июне 1989 года в Новом Узене и в г. Шевченко (ныне Актау) произошли столкновения.", gaz,
                 date(2023, 2, 14))
    assert [e.place.place_id for e in evs] == ["gn:607610", "gn:610612"]


def test_the_city_akimat_of_a_placeless_item_is_the_last_town_s(gaz):
    text = ("27 ноября 2022 года — на ТЭЦ в г. Экибастуз произошла авария.\n\n"
            "29 ноября — около ста жителей мкр. Молодёжный пришли к городскому акимату.")
    evs = ru_evs(text, gaz, date(2023, 2, 14))
    assert [(e.place.place_id, e.event_date, e.participants_min) for e in evs] == [
        ("gn:1524325", date(2022, 11, 29), 100)]


def test_a_live_blog_s_stamps_keep_the_day_heading_and_present_tense_gatherings(gaz):
    text = ("Понедельник, 10 июня 2019 года\n\nОбновлено в 15:40\nУ площади Астана в Алматы началась новая "
            "акция.\n\nВоскресенье, 9 июня 2019 года\n\nОбновлено в 13:10\nВ центре Алматы пропал мобильный "
            "интернет.\n\nОбновлено в 11:45\nВ Нур-Султане собираются несколько сотен человек.\n\n"
            "Обновлено в 10:00\nКолонна около тысячи человек двинулась от площади Астана.")
    got = [(e.action, e.event_date.day) for e in ru_evs(text, gaz, date(2019, 6, 10))]
    assert got == [("rally", 10), ("internet shutdown", 9), ("rally", 9), ("march", 9)]
    assert ru_evs("В Костанае задержаны 30 человек, которые собирались выйти на митинг.", gaz,
                  date(2022, 1, 7))[0].event_type == "Strategic developments"


def test_a_sentence_s_year_runs_on_for_months_and_an_elided_clause_keeps_the_list(gaz):
    evs = ru_evs("24 апреля 2016 года около тысячи человек вышли в Атырау, 30 апреля митинги прошли в Актобе, "
                 "а 21 мая в Жанаозене.", gaz, date(2023, 5, 1))
    assert [(e.place.place_id, e.event_date.isoformat()) for e in evs] == [
        ("gn:610529", "2016-04-24"), ("gn:610611", "2016-04-30"), ("gn:607610", "2016-05-21")]


def test_in_the_city_after_a_village_is_the_city_named_last(gaz):
    text = ("Прокуратура города Шымкент сообщает. В селе Сайрам толпа пыталась захватить здание акимата. "
            "С 5 по 25 января в городе задержаны 214 человек.")
    evs = ru_evs(text, gaz, date(2022, 1, 28))
    assert ("gn:1518980", 214) in [(e.place.place_id, e.detained) for e in evs]


def test_a_chat_typed_in_lower_case_has_lower_case_names(gaz):
    text = ("короче вчера мы стояли у әкімдік в жанаозене. потом приехали из актау ребята. "
            "сегодня утром забрали троих. он орал на всех. в шымкенте тоже говорят было.")
    got = {(m.text, m.place.place_id) for m in find_places(text, gaz, language="ru") if m.status == "resolved"}
    assert got == {("жанаозене", "gn:607610"), ("актау", "gn:610612"), ("шымкенте", "gn:1518980")}


def test_relative_weekdays_anniversaries_and_years_that_close_a_sentence(gaz):
    lex = get_language("ru").lexicon
    days = [(d.text, d.date_start) for d in find_dates(
        "В среду на прошлой неделе жители перекрыли улицу. На прошлой неделе, в пятницу, суд их оштрафовал.",
        date(2024, 9, 20), lexicon=lex)]
    assert days == [("среду на прошлой неделе", date(2024, 9, 11)),
                    ("На прошлой неделе, в пятницу", date(2024, 9, 13))]
    # "Завтра исполняется четырнадцать лет со дня": that day, fourteen years back
    evs = ru_evs("Завтра исполняется четырнадцать лет со дня расстрела бастовавших нефтяников в Жанаозене.", gaz,
                 date(2025, 12, 15))
    assert [(e.action, e.event_date) for e in evs] == [("shooting", date(2011, 12, 16))]
    # a year that ends its sentence dates the next one's months; a full month's "." is a sentence end
    text = ("Но символом Жанаозен стал в 2011-м. Забастовка нефтяников продолжалась с мая по декабрь. "
            "16 декабря 2011 года полиция открыла огонь по людям на центральной площади Жанаозена. "
            "На следующий день в Шетпе жители перекрыли железную дорогу.")
    got = [(e.action, e.event_date.isoformat(), e.event_date_end.isoformat()) for e in ru_evs(text, gaz, date(2025, 12, 15))]
    assert got == [("strike", "2011-05-01", "2011-12-31"), ("shooting", "2011-12-16", "2011-12-16"),
                   ("road block", "2011-12-17", "2011-12-17")]


def test_a_paragraph_s_first_sentence_year_and_a_colon_s_frame_date_it(gaz):
    text = ("Земельные митинги 2016 года начались с Атырау. 24 апреля на площадь вышли около 500 человек.\n\n"
            "Экибастуз в конце ноября 2022 года стал примером другого рода: после аварии на ТЭЦ жители несколько "
            "раз собирались у городского акимата.")
    got = [(e.place.place_id, e.event_date.isoformat()) for e in ru_evs(text, gaz, date(2025, 12, 15))]
    assert ("gn:610529", "2016-04-24") in got and ("gn:1524325", "2022-11-21") in got


def test_sit_ins_court_arrests_future_rallies_and_denied_detentions(gaz):
    pub = date(2024, 9, 20)
    assert [e.action for e in ru_evs("Около тридцати женщин провели сидячую акцию у здания акимата в Алматы.",
                                     gaz, pub)] == ["sit-in"]
    assert [e.action for e in ru_evs("В Караганде около трехсот горняков отказывались подниматься на поверхность.",
                                     gaz, pub)] == ["sit-in"]
    assert ru_evs("Суд Алматы оштрафовал одного из них, второго арестовал на пять суток.", gaz, pub) == []
    assert ru_evs("Завтра в Жанаозене, как и каждый год, пройдет траурный митинг.", gaz, pub) == []
    assert ru_evs("В акимате сообщили, что сведения о задержании двоих активистов в Актау не соответствуют "
                  "действительности.", gaz, pub) == []
    evs = ru_evs("В среду на прошлой неделе около ста жителей Улжана в Алматы перекрыли улицу Момышулы.", gaz, pub)
    assert [(e.action, e.event_date, e.participants_min) for e in evs] == [("road block", date(2024, 9, 11), 100)]
    assert ru_evs("В Жанаозене около 200 безработных провели сидячую акцию.", gaz, pub)[0].participants_min == 200


def test_a_strike_in_its_third_day_and_list_items_told_with_a_dash(gaz):
    pub = date(2025, 3, 11)
    evs = ru_evs("Работники третий день не выходят на смены на месторождении в Мангистауской области.", gaz, pub)
    assert [(e.action, e.event_date, e.event_date_end) for e in evs] == [("strike", date(2025, 3, 9), pub)]
    assert [d.text for d in find_dates("На третий день полиция разогнала митинг.", pub,
                                       lexicon=get_language("ru").lexicon)] == []
    evs = ru_evs("В понедельник к офису компании в Актау пришли жены бастующих – полтора-два десятка женщин.", gaz, pub)
    assert [(e.action, e.participants_min, e.participants_max) for e in evs] == [("rally", 15, 20)]
    assert [e.action for e in ru_evs("Около пятидесяти рабочих сели на ступени у здания акимата в Актау.", gaz,
                                     pub)] == ["sit-in"]
    assert ru_evs("Работники компаний в Жанаозене к забастовке пока не присоединились.", gaz, pub) == []
    evs = ru_evs("В Шетпе к зданию акимата пришли 50-60 человек, в Бейнеу – несколько десятков.", gaz, pub)
    assert [(e.place.place_id, e.participants_min) for e in evs] == [("gn:608324", 50), ("gn:610298", 24)]
    evs = ru_evs("21 мая в Алматы задержаны около 40 человек, в Астане – около 10.", gaz, pub)
    assert [(e.place.place_id, e.detained) for e in evs] == [("gn:1526384", 40), ("gn:1526273", 10)]


def test_a_road_named_after_towns_and_names_given_as_someone_s_are_no_places(gaz):
    found = places("Жители перекрыли трассу Атырау – Бейнеу. СЛУШАТЕЛЬ (Орал): Здравствуйте, меня зовут Орал, "
                   "я живу в Уральске. ВЕДУЩАЯ: Спасибо, Орал-ага. Крупнейший город – Алма-Ата. Один из них, "
                   "Арал Сейткали, был на митинге.", gaz)
    assert found == {"Атырау": None, "Бейнеу": None, "Орал": None, "Уральске": "gn:608668",
                     "Алма-Ата": "gn:1526384", "Арал": None}


def test_a_region_s_total_a_court_s_fines_and_an_inadmissible_rally(gaz):
    pub = date(2025, 1, 20)
    text = ("Департамент полиции Карагандинской области опубликовал сводку.\n\n"
            "Всего с 13 по 17 января в регионе были задержаны 24 человека.\n\n"
            "Специализированный административный суд Темиртау 15 января оштрафовал пятерых задержанных, четверых "
            "арестовал на сроки от пяти до десяти суток. В областном акимате заявили, что новые акции «недопустимы».")
    got = [(e.place.place_id, e.event_date.isoformat(), e.detained) for e in ru_evs(text, gaz, pub)]
    assert got == [("iso:KZ-35", "2025-01-13", 24)]


def test_kazakh_endings_roads_courts_and_surname_first_names(gaz):
    got = places("Бурильщики в Шиеліде бастуют, вечером они поехали в Қызылордаға. В Қазақстанда такого не было. "
                 "Профсоюз пойдет по Кызылорда – Жезказган трассе. Жалобу подадут в Актюбинском областном суде. "
                 "Подписали: Оразбаев Жамбыл, Сейтжанов Арыс.", gaz)
    assert got["Шиеліде"] == "gn:1524801" and got["Қызылордаға"] == "gn:1519922"
    assert got["Қазақстанда"] == "country:KZ"
    assert got.get("Кызылорда") is None and got.get("Жезказган") is None  # a road's name
    assert got.get("Актюбинском") is None  # a court
    assert got.get("Жамбыл") is None and got.get("Арыс") is None  # first names after surnames
    assert places("Бурильщики из Кызылорды облысы вышли на работу.", gaz)["Кызылорды"] == "iso:KZ-43"


def test_the_regional_centre_in_russian(gaz):
    got = places("Двоих задержали в Каратау. Обоих увезли в областной центр, в Тараз. Жители Жанатаса "
                 "пойдут пешком в областной центр.", gaz)
    assert got["областной центр"] == "gn:1516905"  # (both: the name beside it, and Jambyl region's seat)
    mentions = [m for m in find_places("Двоих задержали в Каратау Жамбылской области. Рабочие пойдут пешком "
                                       "в областной центр.", gaz, language="ru") if m.text == "областной центр"]
    assert [m.place.place_id for m in mentions] == ["gn:1516905"]  # Taraz, the seat of Jambyl region


def test_days_in_words_and_a_sign_off_date():
    lex = RU.lexicon
    text = ("Двадцать седьмого января около ста двадцати человек собрались. С семнадцатого по девятнадцатое "
            "марта женщины держали голодовку. Тридцать первого марта тридцать человек поехали в Туркестан.")
    got = [(d.text, d.date_start, d.date_end) for d in find_dates(text, date(2025, 4, 14), lexicon=lex)]
    assert got == [("Двадцать седьмого января", date(2025, 1, 27), date(2025, 1, 27)),
                   ("С семнадцатого по девятнадцатое марта", date(2025, 3, 17), date(2025, 3, 19)),
                   ("Тридцать первого марта", date(2025, 3, 31), date(2025, 3, 31))]
    from geomap.timex import infer_published

    day, why = infer_published(text + "\n\nсело Жабаглы, четырнадцатое апреля 2025 года", lexicon=lex,
                               today=date(2026, 1, 1))
    assert day == date(2025, 4, 14) and "sign-off" in why


def test_standing_outside_an_akimat_is_a_rally_and_police_who_took_people_away_detained_them(gaz):
    evs = ru_evs("Десятого февраля сорок человек поехали в Тюлькубас и до вечера стояли у районного акимата.", gaz,
                 date(2025, 4, 14))
    assert [(e.event_date.isoformat(), e.action, e.participants_min) for e in evs] == [("2025-02-10", "rally", 40)]
    evs = ru_evs("Третьего февраля человек семьдесят перекрыли трассу у Жабаглы. Полиция увезла троих наших "
                 "односельчан.", gaz, date(2025, 4, 14))
    assert [e.detained for e in evs if e.action == "road block"] == [3]


def test_sources_figures_without_a_noun_and_a_tally_under_a_glossed_heading(gaz):
    got = [(c.text, c.min, c.max, c.role) for c in find_counts(
        "Azattyq насчитал «не менее четырехсот», а в акимате заявили о «примерно 60 жителях». "
        "«Звезда Прииртышья» писала о «около восьмидесяти» водителях, Tengrinews - о «полусотне».", language="ru")]
    assert ("не менее четырехсот", 400, None, "participants") in got
    assert ("полусотне", 50, 50, "participants") in got
    assert find_counts("Павлодар. 9 июня – 7.", language="ru") == []  # a tally's figure, read by the tally
    text = ("По данным бюро, задержаны:\n\nУральск. 9 июня – 19 человек.\n\nУсть-Каменогорск (Өскемен). "
            "9 июня – 5.\n\nПавлодар. 9 июня – 7.")
    evs = ru_evs(text, gaz, date(2019, 6, 12))
    assert {(e.place.place_id, e.detained) for e in evs} >= {("gn:1520316", 5), ("gn:1520240", 7)}


def test_a_press_review_s_outlets_make_a_range(gaz):
    evs = ru_evs("В понедельник жители Семея пришли к зданию городского акимата. Газета «Семей таңы» написала, что у "
                 "акимата стояли «около ста человек». Azattyq насчитал «не менее четырехсот», а в самом акимате "
                 "заявили о «примерно 60 жителях».", gaz, date(2025, 11, 8))
    assert [(e.participants_min, e.participants_max) for e in evs] == [(60, 400)]


@pytest.mark.parametrize("text", [
    "Вопреки сообщениям ряда телеграм-каналов, забастовок на месторождениях Жетыбая нет, производственный "
    "процесс идёт в штатном режиме.",
    "В последующие дни акции в Уральске были использованы деструктивными силами для организации массовых "
    "беспорядков.",
])
def test_no_strikes_there_and_a_purpose_are_no_events_ru(gaz, text):
    assert ru_events(text, gaz) == set()


def test_detained_participants_of_a_rally_tell_the_rally_ru(gaz):
    text = "В Шымкенте 20 января полиция задержала 12 участников несанкционированного митинга."
    mentions = find_places(text, gaz, published=date(2022, 1, 21), language="ru")
    (e,) = extract_events(text, mentions, published=date(2022, 1, 21), gazetteer=gaz, language="ru")
    assert (e.event_type, e.action, e.event_date.isoformat(), e.detained) == ("Protests", "rally", "2022-01-20", 12)


def test_a_day_heading_in_two_parts_dates_its_section(gaz):
    text = ("Хронология\n\nДень третий. 24 сентября\n\n"
            "Около сорока жён горняков пришли к зданию акимата Степногорска.\n\nДень четвёртый. 25 сентября\n\n"
            "Двенадцать горняков объявили голодовку. В марте 2024 года горняки Степногорска два дня не спускались в шахту.")
    got = {(e.action, e.event_date) for e in ru_evs(text, gaz, date(2025, 10, 6))}
    assert ("hunger strike", date(2025, 9, 25)) in got and ("strike", date(2024, 3, 1)) in got
    assert not any(d == date(2025, 10, 6) for _, d in got)


def test_a_slogan_in_quotes_is_a_place(gaz):
    assert places("На плакатах было написано «Жаңаөзен – біз сенімен!».", gaz)["Жаңаөзен"] == "gn:607610"


def test_a_threat_and_a_police_region_in_the_sentence(gaz):
    assert ru_evs("Мой сосед в Махамбете без воды, люди грозятся перекрыть дорогу.", gaz, date(2023, 8, 15)) == []
    text = ("4. «В Актобе задержали 300 человек»\n\nНе подтверждается. В департаменте полиции Актюбинской "
            "области сообщили, что с 4 по 7 января в регионе задержаны 46 человек.")
    got = {(e.place.place_id, e.detained) for e in ru_evs(text, gaz, date(2022, 1, 12))}
    assert ("iso:KZ-15", 46) in got


def test_code_abbreviations_and_initials_are_no_places(gaz):
    found = places("Протокол по ст. 488 КоАП РК составил секретарь Орал Б.С.; его рассмотрят в г. Уральске.", gaz)
    assert found["РК"] is None and found["Орал"] is None and found["Уральске"] == "gn:608668"
    assert places("Дело рассмотрит специализированный административный суд г. Уральска.", gaz)["Уральска"] is None


@pytest.mark.parametrize("text, expected", [
    ("Трое пикетчиков с понедельника держат голодовку.", [(3, "participants")]),
    ("Всех шестерых доставили в отдел полиции, позже отпустили.", [(6, "detained")]),
])
def test_picketers_and_people_taken_to_the_police(text, expected):
    assert [(c.min, c.role) for c in find_counts(text, language="ru")] == expected


def test_people_from_one_town_who_travelled_to_another_protest_there(gaz):
    text = ("Вчера, 23 марта, шестеро безработных из Жанаозена приехали в Актау и попытались провести пикет "
            "у здания областного акимата. Всех шестерых доставили в отдел полиции.")
    evs = ru_evs(text, gaz, date(2021, 3, 24))
    assert [(e.place.place_id, e.participants_min, e.detained) for e in evs] == [("gn:610612", 6, 6)]


def test_where_some_came_from_is_not_the_next_sentence_s_scene(gaz):
    text = ("Жанаозен. 24 марта. Сегодня утром к акимату пришли около 70 человек. Среди пришедших были и около "
            "десяти жителей поселка Жетыбай. Первый пикет прошел 15 марта, тогда у акимата стояли человек 40.")
    evs = ru_evs(text, gaz, date(2021, 3, 24))
    assert {(e.place.place_id, e.event_date.isoformat()) for e in evs} == {
        ("gn:607610", "2021-03-24"), ("gn:607610", "2021-03-15")}


@pytest.mark.parametrize("text", [
    "Часть из них также собирается в субботу провести шествие до Актау.",
    "«Если ничего не изменится, выйдем снова», – сказала одна из участниц акции в Шымкенте.",
])
def test_plans_and_participants_are_no_events(gaz, text):
    assert ru_evs(text, gaz, date(2021, 3, 24)) == []


def test_a_police_unit_named_for_a_district_is_no_scene(gaz):
    evs = ru_evs("Накануне в Астане у здания министерства одиночный пикет провел бывший работник завода. Через "
                 "несколько минут его доставили в отдел полиции района Есиль.", gaz, date(2021, 3, 24))
    assert {e.place.place_id for e in evs} == {"gn:1526273"}


@pytest.mark.parametrize("text, expected", [
    ("Двоих из них полиция доставила в отдел, позже их отпустили.", [(2, "detained")]),
    ("Погибли десять человек, четверо из них в Таразе.", [(10, "killed"), (4, "subset")]),
])
def test_of_them_takes_the_role_said_after_it(text, expected):
    assert [(c.min, c.role) for c in find_counts(text, language="ru")] == expected


@pytest.mark.parametrize("text, place_id", [
    ("А в воскресенье, 9 июля, около 40 жителей поселка Теренозек провели сход.", "gn:1518203"),
    ("А в июле 2021 года к акимату в Жанакоргане выходили матери с детьми.", "gn:1517323"),
    ("Вчера несколько жителей Жалагаша доехали до Кызылорды и пикетировали областной акимат.", "gn:1519922"),
])
def test_village_meetings_and_visits_to_the_akimat(gaz, text, place_id):
    assert [e.place.place_id for e in ru_evs(text, gaz, date(2023, 7, 14))] == [place_id]


@pytest.mark.parametrize("text, expected", [
    ("Пикетчика задержали через десять минут.", [(1, "detained")]),
    ("Полиция задержала журналистку у здания акимата.", [(1, "detained")]),
    ("Задержан активист Иван Петров.", [(1, "detained")]),
    ("Задержаны активисты.", []),
    ("Двое членов партии были задержаны.", [(2, "detained")]),
    ("Лица в количестве 11 человек доставлены в отделы полиции.", [(11, "detained")]),
])
def test_one_person_detained_and_members(text, expected):
    assert [(c.min, c.role) for c in find_counts(text, language="ru")] == expected


def test_a_kazakh_surname_in_gali_makes_its_first_name_a_person(gaz):
    assert places("В Астане, по словам правозащитника Жанибека Кайыргали, собрались 20 человек.", gaz) == {
        "Астане": "gn:1526273", "Жанибека": None}


def test_a_placeless_lead_is_in_its_dateline_town(gaz):
    text = ("ШАХТИНСК, 11 февраля. КазТАГ – Около 300 горняков второй день отказываются подниматься на "
            "поверхность, требуя повышения зарплаты.")
    assert {e.place.name for e in ru_evs(text, gaz, date(2025, 2, 11))} == {"Shakhtinsk"}


def test_the_town_a_blocked_highway_leads_to_is_no_scene(gaz):
    evs = ru_evs("Жители Жанаозена в среду утром перекрыли трассу на Актау.", gaz, date(2022, 1, 6))
    assert [(e.place.name, e.action) for e in evs] == [("Zhanaozen", "road block")]


def test_a_month_of_last_year_and_a_year_review_s_days():
    from geomap import lang
    from geomap.timex import find_dates
    ru = lang.get("ru").lexicon
    got = [(d.date_start, d.date_end) for d in find_dates(
        "Водопровод строили в 1970-х. В августе прошлого года жители уже выходили к акимату.", date(2025, 7, 18),
        lexicon=ru)]
    assert got[-1] == (date(2024, 8, 1), date(2024, 8, 31))
    review = find_dates("Orda.kz проанализировала сообщения за 2025 год.\n\nМарт. 3 марта в Шымкенте задержали "
                        "двух активисток.", date(2026, 1, 14), lexicon=ru)
    assert [(d.text, d.date_start) for d in review][-1] == ("3 марта", date(2025, 3, 3))


def test_an_anniversary_piece_is_written_on_the_anniversary_and_its_story_goes_on_that_day(gaz):
    from geomap import lang
    from geomap.timex import infer_published
    text = ("Сорок пять лет назад, 16 июня 1979 года, на площадь перед зданием обкома партии в Целинограде вышли "
            "студенты. Они протестовали против решения о создании автономной области с центром в Ерментау.\n\n"
            "Сегодня об этих событиях помнят немногие, хотя это был один из первых открытых протестов.\n\n"
            "В тот день их никто не разгонял. На улицу в Караганде люди тогда не выходили.")
    assert infer_published(text, date(2026, 12, 1), lexicon=lang.get("ru").lexicon)[0] == date(2024, 6, 16)
    evs = ru_evs(text, gaz, date(2024, 6, 16))
    assert [(e.place.name, e.event_date.isoformat()) for e in evs] == [("Astana", "1979-06-16")]


def test_kaztag_s_own_dateline_is_the_filing_place_and_its_date_no_event_s(gaz):
    text = ("Алматы. 1 марта. КазТАГ – Десятки человек были задержаны в воскресенье в нескольких городах "
            "Казахстана.\n\nВ Алматы на площадь Республики пришли порядка 150 человек.")
    ms = find_places(text, gaz, language="ru")
    assert "dateline" in ms[0].reason and not ms[0].eventable
    assert {e.event_date for e in ru_evs(text, gaz, date(2021, 3, 1))} == {date(2021, 2, 28)}


def test_a_surname_after_a_first_name_is_no_town(gaz):
    assert places("По словам активиста Нурлана Темира, акимат не ответил.", gaz)["Темира"] is None


def test_foreign_cities_and_countries_in_russian_case_forms(gaz):
    assert places("Делегация уехала в Самару, встречи прошли в Киеве и Лондоне, деньги ушли на Кипр.", gaz) == {
        "Самару": "gn:499099", "Киеве": "gn:703448", "Лондоне": "gn:2643743", "Кипр": "country:CY"}
    assert places("Акции прошли в Норвегии, Мюнхене и Люксембурге.", gaz) == {
        "Норвегии": "country:NO", "Мюнхене": "gn:2867714", "Люксембурге": "country:LU"}


def test_reports_that_a_company_calls_rumours_are_no_event(gaz):
    assert ru_evs("Сообщения о том, что к забастовке присоединились работники завода в Аксу, в компании назвали "
                  "«слухами».", gaz, date(2026, 6, 10)) == []


def test_threats_and_a_refused_approval_are_no_events_but_an_approved_rally_is(gaz):
    evs = ru_evs("Горняки Алтая пригрозили, что выйдут на забастовку, если требования не выполнят. Согласовать "
                 "митинг на 21 ноября акимат им отказал. Вчера согласованный митинг прошел в Уральске.", gaz,
                 date(2026, 11, 18))
    assert [(e.place.name, e.action) for e in evs] == [("Oral", "rally")]


def test_a_surname_in_ov_is_no_town_but_a_plural_town_s_genitive_is(gaz):
    got = places("Сам Атбасаров, по его словам, задержан не был. Жители Кульсаров вышли на площадь.", gaz)
    assert (got.get("Атбасаров"), got["Кульсаров"]) == (None, "gn:609123")


def test_an_unknown_feminine_town_s_cases_and_the_akim_of_a_town(gaz):
    assert places("В Житикаре и в городе Шу прошли акции. Аким Тараза встретился с ними.", gaz) == {
        "Житикаре": "gn:1516601", "Шу": "gn:1519030", "Тараза": "gn:1516905"}


def test_a_warning_strike_is_a_strike_and_laying_flowers_a_rally_unless_only_wanted(gaz):
    evs = ru_evs("28 мая около 400 горняков Риддера провели однодневную предупредительную забастовку. 16 декабря "
                 "около 200 человек возложили цветы у памятника в Жанаозене. В Талдыкоргане родственники хотели "
                 "возложить цветы у акимата.", gaz, date(2025, 12, 17))
    assert [(e.place.name, e.action, e.participants_min) for e in evs] == [
        ("Ridder", "strike", 400), ("Zhanaozen", "rally", 200)]


def test_the_anaphor_ministry_after_a_regional_police_department_is_no_country(gaz):
    evs = ru_evs("В понедельник у акимата в Кокшетау собрались предприниматели. Как сообщили в департаменте "
                 "полиции Акмолинской области, акция не была согласована.\n\n«Двенадцать человек доставлены в "
                 "отдел полиции», – говорится в сообщении ведомства.", gaz, date(2026, 4, 14))
    assert {e.place.name for e in evs} == {"Kokshetau"}


def test_one_person_detained_without_a_number(gaz):
    evs = ru_evs("В субботу в Алматы у здания суда одиночный пикет провел активист. Его задержали через "
                 "несколько минут.", gaz, date(2025, 3, 3))
    assert [(e.place.name, e.detained) for e in evs] == [("Almaty", 1)]


def test_a_lone_picket_and_a_hunger_strike_of_one_person(gaz):
    evs = ru_evs("В субботу в Алматы у здания суда прошел одиночный пикет. Мой сосед в Таразе в понедельник "
                 "объявил голодовку.", gaz, date(2025, 3, 5))
    assert [(e.place.name, e.participants_min) for e in evs] == [("Almaty", 1), ("Taraz", 1)]


def test_an_opening_month_and_year_dates_the_sentence_across_its_aside(gaz):
    evs = ru_evs("В июле 2019 года жители Арыси, недовольные компенсациями после взрывов на складе боеприпасов, "
                 "перекрывали трассу.", gaz, date(2026, 4, 14))
    assert [(e.place.name, e.event_date.isoformat()) for e in evs] == [("Arys", "2019-07-01")]


@pytest.mark.parametrize("text, surface, place_id", [
    ("По данным департамента полиции ЗКО, на акцию пришли около 150 человек.", "ЗКО", "iso:KZ-27"),
    ("Жители ВКО вышли на пикеты.", "ВКО", "iso:KZ-63"),
    ("В 2017 году в ЮКО прошли митинги.", "ЮКО", "iso:KZ-61"),
    ("Люди держали плакаты «Сквер – не парковка» и «Орал – город для людей».", "Орал", "gn:608668"),
])
def test_region_initials_and_a_quoted_slogan_are_places(gaz, text, surface, place_id):
    assert places(text, gaz)[surface] == place_id


@pytest.mark.parametrize("text, surface", [
    ("Площадку получило ТОО «Орал Құрылыс Групп».", "Орал"),
    ("Газ идёт по магистрали «Бейнеу – Бозой – Шымкент».", "Бейнеу"),
])
def test_a_place_in_a_quoted_company_or_route_name_is_not(gaz, text, surface):
    assert places(text, gaz).get(surface) is None


def test_a_condition_a_planned_rally_and_a_future_one_are_no_events(gaz):
    text = ("Профсоюз предупреждает: если требования не выполнят до пятницы, к забастовке присоединятся "
            "рабочие участка компании в Доссоре.")
    assert ru_evs(text, gaz, date(2025, 7, 16)) == []
    text = ("В сентябре дольщики в Астане несколько раз собирались у здания акимата столицы, а митинг "
            "обманутых дольщиков в Шымкенте, заявленный на прошлую субботу, городской акимат не согласовал, "
            "и он не состоялся.")
    assert [e.place.name for e in ru_evs(text, gaz, date(2025, 11, 12))] == ["Astana"]
    assert ru_evs("Даже если власти не согласуют, митинг в Уральске пройдет.", gaz, date(2025, 7, 16)) == []
    assert places("Суд города Алматы арестовал активиста, а полиция задержала 12 человек, позже МВД уточнило "
                  "число до 15.", gaz)["Алматы"] is None
    (c,) = find_counts("Полиция задержала 12 человек, позже МВД уточнило число до 15.", language="ru")
    assert (c.role, c.min) == ("detained", 15)


def test_a_season_with_its_year_dates_the_yearless_days_after_it(gaz):
    text = ("Весной 2016 года земельные митинги прошли в нескольких городах. Все началось 24 апреля в Атырау, "
            "там на площадь вышли несколько сотен человек. А 21 мая в Уральске полиция задержала человек десять.")
    got = {(e.place.name, e.event_date) for e in ru_evs(text, gaz, date(2026, 4, 23))}
    assert got == {("Atyrau", date(2016, 4, 24)), ("Oral", date(2016, 5, 21))}


def test_where_people_came_from_is_no_scene_and_a_rally_notice_no_rally(gaz):
    text = ("В прошлую субботу у здания акимата в Уральске прошел митинг. Приехали из Переметного, из Таскалы, "
            "из Аксая. Мы подали уведомление на новый митинг 2 мая.")
    assert [(e.place.name, e.event_date) for e in ru_evs(text, gaz, date(2026, 4, 23))] == [
        ("Oral", date(2026, 4, 18))]


def test_since_yesterday_runs_to_the_day_of_writing(gaz):
    (e,) = ru_evs("2. 08:30. Сарань. На шахте «Саранская» со вчерашнего вечера отказываются подниматься на "
                  "поверхность около 60 горняков ночной смены.", gaz, date(2025, 11, 20))
    assert (e.place.name, e.event_date, e.event_date_end) == ("Saran", date(2025, 11, 19), date(2025, 11, 20))
    (d,) = find_dates("Workers have been on strike since yesterday.", date(2025, 11, 20))
    assert (d.kind, d.date_start, d.date_end) == ("since", date(2025, 11, 19), date(2025, 11, 20))


def test_a_country_total_before_its_breakdown_and_a_court_s_arrests(gaz):
    # a Monday release about Sunday: the undated detentions are Sunday's; the total before the
    # colon is the country's, each town gets its share; the court's arrests add nothing
    text = ("В воскресенье в Алматы, Астане и Шымкенте небольшие группы граждан пытались собраться на "
            "площадях. Всего по республике доставлены 38 человек: в Алматы доставлены 23 человека, в Астане – 11, "
            "в Шымкенте – 4. Специализированный межрайонный административный суд города Алматы подверг "
            "14 человек административному аресту.")
    got = {(e.place.place_id, e.event_date, e.detained) for e in ru_evs(text, gaz, date(2026, 3, 2))}
    assert got == {("country:KZ", date(2026, 3, 1), 38), ("gn:1526384", date(2026, 3, 1), 23),
                   ("gn:1526273", date(2026, 3, 1), 11), ("gn:1518980", date(2026, 3, 1), 4)}


def test_those_of_a_crowd_detained_and_a_joint_figure_of_two_towns(gaz):
    text = ("В воскресенье в Алматы на площадь Республики пришли порядка 150 человек. В Алматы в отделы "
            "полиции доставили не менее 20 человек. В Шымкенте около 30 человек собрались у здания городского "
            "акимата, восемь из них задержали. По нашим спискам только по Алматы и Шымкенту задержанных "
            "больше тридцати.")
    got = {(e.place.name, e.participants_min, e.detained) for e in ru_evs(text, gaz, date(2021, 3, 1))}
    assert got == {("Republic Square", 150, 20), ("Shymkent", 30, 8)}


def test_two_sources_of_one_arrest_figure_a_recap_and_those_who_sought_medical_help(gaz):
    text = ("Уральск. Сегодня жители Уральска выходят к зданию акимата в Уральске. "
            "По данным правозащитников, задержаны не менее 40 человек; пресс-служба ДП сообщила о 27 доставленных. "
            "Применяли перцовый газ, трое обратились за медицинской помощью.\n\n"
            "В Аксае у районного акимата собрались около ста человек.\n\n"
            "Напомним: в понедельник у акимата собрались около 200 человек.")
    got = {(e.place.name, e.event_date, e.participants_min, e.injured, e.detained)
           for e in ru_evs(text, gaz, date(2026, 2, 18))}
    assert got == {("Oral", date(2026, 2, 18), None, 3, 27), ("Aqsay", date(2026, 2, 18), 100, None, None),
                   ("Oral", date(2026, 2, 16), 200, None, None)}
