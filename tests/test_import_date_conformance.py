"""A conformance table of date lines as news sites print them by a headline or a by-line, in the languages of
the pages the importer reads: each line under a headline over a few paragraphs of its language, read as a
scrape (text.read) and as a page without metadata (html.read). Written from how sites print dates, not from
any one page."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.archive.model import PartialDate
from generator.ingest import headerlines, text
from generator.ingest import html as html_reader

# A few sentences of each language: enough for the reader to take them for the article and tell its language.
STORY = {
    "en": "The harbour bridge will close for a year of repairs, and the ferry that is to replace it is not ready.",
    "de": "Die Brücke am Hafen wird für ein Jahr gesperrt, und die Fähre, die sie ersetzen soll, ist noch nicht "
          "bereit, sagt die Stadt.",
    "fr": "Le pont du port sera fermé pendant un an pour des travaux, et le bac qui doit le remplacer n'est pas "
          "encore prêt, selon la ville.",
    "es": "El puente del puerto estará cerrado durante un año por obras, y el ferri que lo sustituye no está "
          "listo, según la ciudad.",
    "pt": "A ponte do porto vai fechar durante um ano para obras, e o barco que a substitui ainda não está "
          "pronto, disse a cidade.",
    "it": "Il ponte del porto sarà chiuso per un anno per lavori, e il traghetto che lo sostituisce non è "
          "ancora pronto, dice la città.",
    "no": "Brua ved havna blir stengt i ett år for reparasjoner, og ferja som skal erstatte den er ikke klar, "
          "sier kommunen.",
    "nl": "De brug bij de haven gaat een jaar dicht voor herstel, en de veerboot die haar vervangt is nog niet "
          "klaar, zegt de stad.",
    "cs": "Most u přístavu bude na rok uzavřen kvůli opravám a trajekt, který ho má nahradit, ještě není "
          "připraven, uvedlo město.",
    "zh": "港口大桥将关闭一年进行维修，数千名通勤者将改乘渡轮，商户担心客流减少，市政府表示渡轮尚未准备好。",
    "ja": "港の橋は修理のため一年間閉鎖され、代わりのフェリーはまだ準備ができていないと市は発表した。",
    "ru": "Мост у гавани закроют на год для ремонта, а паром, который должен его заменить, ещё не готов, "
          "сообщили в городе.",
    "bn": "বন্দরের সেতুটি মেরামতের জন্য এক বছর বন্ধ থাকবে, এবং এর বদলে যে ফেরি চলবে তা এখনও প্রস্তুত নয়।",
}
HEADLINE = {
    "en": "Harbour bridge to close for a year", "de": "Hafenbrücke wird ein Jahr gesperrt",
    "fr": "Le pont du port fermé pendant un an", "es": "El puente del puerto cerrará un año",
    "pt": "Ponte do porto fecha durante um ano", "it": "Il ponte del porto chiude per un anno",
    "no": "Havnebrua stenges i ett år", "nl": "Havenbrug gaat een jaar dicht", "cs": "Most u přístavu bude rok zavřený",
    "ru": "Мост у гавани закроют на год", "zh": "港口大桥将关闭一年", "ja": "港の橋、一年間閉鎖へ", "bn": "বন্দরের সেতু এক বছর বন্ধ থাকবে",
}
DAY = PartialDate(2026, 12, 7)
CAPTURED = dt.datetime(2026, 12, 9, 12, 0, tzinfo=dt.timezone.utc)

# (language, the date line as printed, the publication day it names; None: no day can be told)
LINES = [
    # English: month first in the US, day first in Britain; abbreviations with and without dots
    ("en", "Published December 7, 2026", DAY),
    ("en", "Mon 7 Dec 2026 14.05 GMT", DAY),
    ("en", "Dec. 7, 2026, 2:05 p.m. ET", DAY),
    ("en", "Sept. 7, 2026 at 9:12 a.m.", PartialDate(2026, 9, 7)),
    ("en", "Monday, December 7, 2026", DAY),
    ("en", "7 December 2026", DAY),
    ("en", "Published: 07 Dec 2026 14:05", DAY),
    ("en", "Posted on 12/07/2026", DAY),
    ("en", "2026-12-07T14:05", DAY),
    ("en", "Updated 2:05 PM EST, Mon December 7, 2026", DAY),  # only an update's day: it dates the page
    ("en", "Published Dec 7, 2026 · Updated Dec 8, 2026", DAY),
    ("en", "Updated Dec 8, 2026 · Published Dec 7, 2026", DAY),
    ("en", "December 7th, 2026", DAY),
    ("en", "By Jane Roe | December 7, 2026", DAY),
    ("en", "Dec 7, 2026 / 02:05 PM / CBS News", DAY),
    ("en", "Published 2:05 PM ET Mon, Dec 7, 2026", DAY),
    ("en", "Last Updated: Monday, 7 December 2026, 14:05 GMT", DAY),
    ("en", "Published: 14:05 GMT, 7 December 2026 | Updated: 09:00 GMT, 8 December 2026", DAY),
    ("en", "December 07, 2026 14:05 IST", DAY),
    ("en", "Mon, 12/07/2026 - 14:05", DAY),
    ("en", "Posted on December 7, 2026 by admin", DAY),
    ("en", "07 December 2026 · 5 min read", DAY),
    ("en", "DECEMBER 7, 2026", DAY),
    ("en", "Jane Roe | Dec 7, 2026 | 3 Comments", DAY),
    ("en", "Posted by Jane Roe on 7th December 2026", DAY),
    ("en", "Monday 7 December 2026 14.05 GMT", DAY),
    ("en", "Filed at 2:05 p.m. ET on Monday, Dec. 7, 2026", DAY),
    ("en", "PUBLISHED: 14:05 GMT, 7 December 2026", DAY),
    ("en", "7th December, 2026", DAY),
    ("en", "Dec. 7th, 2026", DAY),
    ("en", "December 7 2026", DAY),
    ("en", "07-Dec-2026", DAY),
    ("en", "7-Dec-26", DAY),
    ("en", "Dec 7 2026, 2:05 PM", DAY),
    ("en", "Monday, 07 December 2026 14:05", DAY),
    ("en", "Dec 07, 2026 | 14:05 IST", DAY),
    ("en", "Updated - December 08, 2026 at 09:00 AM. | Published - December 07, 2026 at 02:00 PM.", DAY),
    ("en", "Published Monday, December 7, 2026 2:05PM EST", DAY),
    ("en", "Dec 7, 2026 14:05 UTC", DAY),
    ("en", "Last Modified: Monday, December 7, 2026", DAY),
    ("en", "2:05 PM · Dec 7, 2026", DAY),
    ("en", "This article was first published on December 7, 2026", DAY),
    # German
    ("de", "Veröffentlicht am 7. Dezember 2026, 14:05 Uhr", DAY),
    ("de", "Stand: 07.12.2026 14:05 Uhr", DAY),
    ("de", "07.12.2026, 14:05 Uhr", DAY),
    ("de", "Montag, 07.12.2026", DAY),
    ("de", "7. Dez. 2026, 14.05 Uhr", DAY),
    ("de", "Mo., 07.12.2026, 14:05", DAY),
    ("de", "Aktualisiert am 08.12.2026 | Veröffentlicht am 07.12.2026", DAY),
    ("de", "7. Dezember 2026 um 14:05 Uhr", DAY),
    ("de", "Erstellt am 07.12.2026", DAY),
    ("de", "7.12.2026 | 14:05", DAY),
    ("de", "07. Dezember 2026, 14:05 Uhr", DAY),
    ("de", "Mo 07.12.26 14:05", DAY),
    ("de", "Mo., 7. Dez. 2026", DAY),
    ("de", "Erschienen am 07.12.2026", DAY),
    ("de", "Datum: 07.12.2026", DAY),
    ("de", "Artikel vom 07.12.2026", DAY),
    ("de", "Zuletzt aktualisiert: 07.12.2026", DAY),
    ("de", "07.12.2026 – 14:05 Uhr Aktualisiert: 08.12.2026", DAY),
    # French
    ("fr", "Publié le 07/12/2026 à 14h05", DAY),
    ("fr", "Publié le 7 décembre 2026 à 14h05, mis à jour le 8 décembre 2026 à 09h00", DAY),
    ("fr", "Mis à jour le 07/12/2026 à 09h00", DAY),
    ("fr", "lundi 7 déc. 2026", DAY),
    ("fr", "Le 7 décembre 2026 à 14:05", DAY),
    ("fr", "Publié le 1er décembre 2026", PartialDate(2026, 12, 1)),
    ("fr", "Publié le 7 févr. 2026", PartialDate(2026, 2, 7)),
    ("fr", "Publié le lundi 7 décembre 2026 à 14:05", DAY),
    ("fr", "07 déc. 2026 à 14h05", DAY),
    ("fr", "Le 07.12.2026 à 14:05", DAY),
    ("fr", "lun. 7 déc. 2026 à 14:05", DAY),
    ("fr", "Modifié le 07/12/2026", DAY),
    ("fr", "Mise à jour : 07/12/2026", DAY),
    ("fr", "Publié le 07/12/2026 à 14h05 - Modifié le 08/12/2026 à 09h00", DAY),
    # Spanish
    ("es", "Publicado el 7 dic 2026", DAY),
    ("es", "7 de diciembre de 2026 - 14:05", DAY),
    ("es", "Actualizado: 07/12/2026 14:05", DAY),
    ("es", "lunes, 7 de diciembre de 2026", DAY),
    ("es", "Madrid, 07 dic. 2026 14:05", DAY),
    ("es", "07/12/2026 14:05 h.", DAY),
    ("es", "07 DIC 2026 - 14:05", DAY),
    ("es", "Actualizado 07/12/2026 - 14:05 CET", DAY),
    ("es", "lun., 7 dic. 2026 14:05", DAY),
    ("es", "Publicado: 07/12/2026 14:05 | Actualizado: 08/12/2026 09:00", DAY),
    # Portuguese
    ("pt", "Atualizado em 07/12/2026 14h05", DAY),
    ("pt", "Publicado em 7 de dezembro de 2026 às 14:05", DAY),
    ("pt", "07/12/2026 - 14h05", DAY),
    ("pt", "7 dez 2026 - 14h05", DAY),
    ("pt", "segunda-feira, 7 de dezembro de 2026", DAY),
    ("pt", "7 de dez. de 2026", DAY),
    ("pt", "seg, 07/12/2026 14h05", DAY),
    ("pt", "Publicado em 07/12/2026 - 14:05 Atualizado em 08/12/2026 - 09:00", DAY),
    # Italian
    ("it", "Pubblicato il 7 dicembre 2026 alle 14:05", DAY),
    ("it", "07/12/2026 14:05", DAY),
    ("it", "lunedì 7 dicembre 2026", DAY),
    ("it", "7 dic 2026", DAY),
    ("it", "Aggiornato il 07/12/2026 alle 09:00", DAY),
    ("it", "lun 7 dic 2026, 14:05", DAY),
    ("it", "Ultimo aggiornamento: 07/12/2026", DAY),
    ("it", "Pubblicato: 07-12-2026", DAY),
    # Norwegian
    ("no", "Publisert 07.12.2026 kl. 14.05", DAY),
    ("no", "Publisert: 7. desember 2026 kl. 14:05", DAY),
    ("no", "Publisert 07.12.2026 kl. 14.05 Oppdatert 08.12.2026 kl. 09.00", DAY),
    ("no", "7. des. 2026", DAY),
    ("no", "mandag 7. desember 2026", DAY),
    ("no", "7. mai 2026", PartialDate(2026, 5, 7)),
    ("no", "man. 7. des. 2026 kl. 14:05", DAY),
    # Dutch
    ("nl", "Gepubliceerd op 7 december 2026 om 14:05", DAY),
    ("nl", "7 dec. 2026, 14:05", DAY),
    ("nl", "maandag 7 december 2026", DAY),
    ("nl", "Bijgewerkt 07-12-2026", DAY),
    ("nl", "7 mrt. 2026", PartialDate(2026, 3, 7)),
    ("nl", "ma 7 dec 2026 14:05", DAY),
    ("nl", "Gepubliceerd: 7 december 2026 14:05 Laatste update: 8 december 2026 09:00", DAY),
    ("ru", "7 декабря 2026, 14:05", DAY),
    ("ru", "Опубликовано 07.12.2026 14:05", DAY),
    ("ru", "пн, 7 дек. 2026", DAY),
    # Czech: month names in the genitive
    ("cs", "Publikováno 7. prosince 2026 14:05", DAY),
    ("cs", "Aktualizováno 7. 12. 2026 14:05", DAY),
    ("cs", "pondělí 7. prosince 2026", DAY),
    ("cs", "7. května 2026", PartialDate(2026, 5, 7)),
    ("cs", "po 7. 12. 2026", DAY),
    ("cs", "7. prosince 2026 14:05 Aktualizováno 8. 12. 2026", DAY),
    # Chinese, Japanese
    ("zh", "2026年12月7日 14:05", DAY),
    ("zh", "发布时间：2026-12-07 14:05", DAY),
    ("zh", "2026/12/07 14:05 来源：新华社", DAY),
    ("zh", "2026-12-07 14:05:00 来源：人民网", DAY),
    ("zh", "时间：2026年12月07日 14:05", DAY),
    ("zh", "发布日期：2026-12-07", DAY),
    ("zh", "2026年12月07日14:05　来源：人民日报", DAY),
    ("zh", "发布时间:2026/12/7 14:05:00", DAY),
    ("zh", "时间：2026-12-07 14:05 | 来源：中国新闻网", DAY),
    ("zh", "【字体：大 中 小】2026-12-07", DAY),
    ("zh", "2026-12-07 14:05:00　作者：张三", DAY),
    ("ja", "2026年12月7日（月）14時05分", DAY),
    ("ja", "２０２６年１２月７日", DAY),
    ("ja", "2026年12月7日 14時05分", DAY),
    ("ja", "2026/12/07 14:05 公開", DAY),
    ("ja", "2026.12.07", DAY),
    ("ja", "2026年12月7日 14時05分 (2026年12月8日 9時00分 更新)", DAY),
    # Bengali: its own digits and month names
    ("bn", "প্রকাশ: ০৭ ডিসেম্বর ২০২৬, ১৪:০৫", DAY),
    ("bn", "প্রকাশিত: ৭ ডিসেম্বর ২০২৬", DAY),
]

# Relative times: a day against the capture time, none without it
RELATIVE = [
    ("en", "Posted 2 days ago", DAY),
    ("en", "Published 3 hours ago", PartialDate(2026, 12, 9)),
    ("de", "vor 2 Tagen", DAY),
    ("fr", "Publié il y a 2 jours", DAY),
    ("es", "Publicado hace 2 días", DAY),
    ("pt", "Publicado há 2 dias", DAY),
    ("it", "Pubblicato 2 giorni fa", DAY),
    ("nl", "2 dagen geleden", DAY),
    ("no", "Publisert for 2 dager siden", DAY),
]


def _scrape(lang: str, line: str) -> str:
    story = "\n\n".join(f"{STORY[lang]} ({n})" if lang not in ("zh", "ja", "bn") else STORY[lang] * (n + 1)
                        for n in range(1, 5))
    return f"{HEADLINE[lang]}\n\n{line}\n\n{story}\n"


def _page(lang: str, line: str) -> str:
    story = "".join(f"<p>{STORY[lang]} ({n})</p>" for n in range(1, 5))
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE[lang]} - Example News</title></head>"
            f"<body><header><a href='/'>Example News</a></header><article><h1>{HEADLINE[lang]}</h1>"
            f"<div class='byline'>{line}</div>{story}</article></body></html>")


@pytest.mark.parametrize(("lang", "line", "day"), LINES)
def test_a_date_line_in_a_scrape(lang, line, day):
    assert text.read(_scrape(lang, line)).published == day


@pytest.mark.parametrize(("lang", "line", "day"), LINES)
def test_a_date_line_in_a_page(lang, line, day):
    assert html_reader.read(_page(lang, line)).published == day


@pytest.mark.parametrize(("lang", "line", "day"), RELATIVE)
def test_a_relative_date_counts_against_the_capture_time(lang, line, day):
    assert text.read(_scrape(lang, line), CAPTURED).published == day
    assert text.read(_scrape(lang, line)).published is None  # no capture time: no day


def test_an_iso_date_in_a_time_element_s_attribute():
    line = "<time datetime='2026-12-07T14:05:00+01:00'>Monday</time>"
    assert html_reader.read(_page("en", line)).published == DAY


def test_a_numeric_date_is_day_first_but_in_american_english():
    assert text.read(_scrape("en", "Posted on 03/04/2026")).published == PartialDate(2026, 3, 4)
    assert text.read(_scrape("fr", "Publié le 03/04/2026")).published == PartialDate(2026, 4, 3)
    assert html_reader.read(_page("fr", "Publié le 03/04/2026")).published == PartialDate(2026, 4, 3)
    assert html_reader.read(_page("de", "03.04.2026")).published == PartialDate(2026, 4, 3)


# Whole date blocks as pages lay them out around the headline: (language, lines over the headline, lines
# between it and the text, lines after the text, the publication day)
LAYOUTS = [
    ("en", [], ["By Jane Roe", "December 7, 2026"], [], DAY),
    ("en", [], ["Jane Roe", "Staff writer", "Dec 7, 2026 2:05 pm"], [], DAY),
    ("en", ["News | December 7, 2026"], [], [], DAY),
    ("en", ["Home > News"], ["Published: 2026-12-07", "Updated: 2026-12-08"], [], DAY),
    ("en", [], ["Commuters face a year of ferries.", "By Jane Roe, Reuters",
                "Published 7:05 AM EST, Mon December 7, 2026"], [], DAY),
    ("en", ["Monday, December 14, 2026", "Home", "World"], ["By Jane Roe", "December 7, 2026"], [], DAY),
    ("en", [], [], ["Posted on December 7, 2026 in News | Permalink"], DAY),
    ("en", [], ["December 7, 2026 at 2:05 pm · Filed under News"], [], DAY),
    ("en", [], ["Jane Roe | Updated: Dec 8, 2026, 09:00 IST"], ["Published: Dec 7, 2026"], DAY),
    ("en", [], ["Mon 7 Dec 2026 14.05 GMT", "Last modified on Tue 8 Dec 2026 09.00 GMT"], [], DAY),
    ("en", [], ["Jane Roe", "Mon 7 Dec 2026 14.05 GMT", "Share"], [], DAY),
    ("en", [], ["By JANE ROE", "DECEMBER 7, 2026"], [], DAY),
    ("en", [], ["Jane Roe", "7 December 2026", "5 min read"], [], DAY),
    ("de", [], ["Von Jane Roe", "07.12.2026, 14:05 Uhr", "Lesezeit: 3 Min."], [], DAY),
    ("de", [], ["Aktualisiert am 08.12.2026, 09:00 Uhr", "Veröffentlicht am 07.12.2026, 14:05 Uhr"], [], DAY),
    ("fr", [], ["Par Jane Roe", "Publié le 07/12/2026 à 14h05", "Mis à jour le 08/12/2026 à 09h00"], [], DAY),
    ("es", [], ["Jane Roe", "Madrid - 07 dic 2026 - 14:05 CET"], [], DAY),
    ("zh", [], ["2026-12-07 14:05 来源：人民网 作者：张三 责任编辑：李四"], [], DAY),
    ("zh", [], ["来源：新华网 | 2026年12月07日 14:05"], [], DAY),
    ("zh", [], ["作者：张三", "发布时间：2026-12-07"], [], DAY),
    ("en", [], ["Commuters face a year of ferries while the city repairs the old bridge over the harbour.",
                "Photo: Jane Roe/Reuters", "By Jane Roe", "December 7, 2026"], [], DAY),
    # a label, a date and a time in elements of their own: a line each in a whole-page copy
    ("en", [], ["Published", "December 7, 2026", "2:05 PM"], [], DAY),
    ("en", [], ["By Jane Roe", "Updated", "Dec 8, 2026", "Published", "Dec 7, 2026"], [], DAY),
    ("en", [], ["Published:", "12/07/2026"], [], DAY),
    ("de", [], ["Veröffentlicht:", "07.12.2026", "14:05 Uhr"], [], DAY),
    ("fr", [], ["Publié le", "7 décembre 2026"], [], DAY),
    ("zh", [], ["发布时间：", "2026-12-07 14:05"], [], DAY),
    # a section's name and the date in elements side by side: glued into one word of a whole-page copy
    ("en", ["Subscribe", "Original Research7 December 2026"], [], [], DAY),
]


def _laid_out(lang: str, over: list[str], under: list[str], after: list[str]) -> str:
    story = "\n\n".join(f"{STORY[lang]} ({n})" if lang not in ("zh", "ja", "bn") else STORY[lang] * (n + 1)
                        for n in range(1, 5))
    return "\n\n".join([*over, HEADLINE[lang], *under, story, *after]) + "\n"


def _laid_out_page(lang: str, over: list[str], under: list[str], after: list[str]) -> str:
    story = "".join(f"<p>{STORY[lang]} ({n})</p>" for n in range(1, 5))
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE[lang]} - Example News</title></head>"
            f"<body><header>{''.join(f'<div>{line}</div>' for line in over)}</header><article>"
            f"<h1>{HEADLINE[lang]}</h1>{''.join(f'<div>{line}</div>' for line in under)}{story}"
            f"{''.join(f'<div>{line}</div>' for line in after)}</article></body></html>")


@pytest.mark.parametrize(("lang", "over", "under", "after", "day"), LAYOUTS)
def test_a_layout_of_date_lines_in_a_scrape(lang, over, under, after, day):
    assert text.read(_laid_out(lang, over, under, after)).published == day


@pytest.mark.parametrize(("lang", "over", "under", "after", "day"), LAYOUTS)
def test_a_layout_of_date_lines_in_a_page(lang, over, under, after, day):
    assert html_reader.read(_laid_out_page(lang, over, under, after)).published == day


def test_a_machine_date_in_an_attribute_of_the_by_line():
    # hAtom's `<abbr class="published" title="…">` (older blog themes), a `<time>` with its day in words
    abbr = "<abbr class='published' title='2026-12-07T14:05:00+01:00'>Monday afternoon</abbr>"
    assert html_reader.read(_page("en", abbr)).published == DAY
    time = "Posted <time class='entry-date' datetime='2026-12-07'>Monday</time> by Jane Roe"
    assert html_reader.read(_page("en", time)).published == DAY


def test_a_british_page_writes_its_numeric_dates_day_first():
    page = _page("en", "Posted on 07/12/2026")
    assert html_reader.read(page.replace("lang='en'", "lang='en-GB'")).published == DAY
    assert html_reader.read(page.replace("lang='en'", "lang='en-US'")).published == PartialDate(2026, 7, 12)


def test_a_date_label_alone_is_read_with_the_date_under_it_but_is_no_date_line_for_the_headline_s_finder():

    assert not headerlines.is_header_line("Publicado:")  # the headline's finder weighs date lines by it
    scrape = _laid_out("es", ["Noticias", "País", "Ver más de la región"],
                       ["Publicado:", "Lunes, 7 de diciembre de 2026 a las 14:05hrs."], [])
    read = text.read(scrape)
    assert (read.title, read.published) == (HEADLINE["es"], DAY)


def test_a_day_glued_to_a_word_is_read_but_not_a_number_that_is_part_of_a_name():
    from generator.ingest import textdates

    assert textdates.find("Original Research7 December 2026")[0] == DAY
    assert textdates.find("Covid19 December 2026")[0] == PartialDate(2026, 12)  # the disease's name, no day
    assert textdates.find("A2 December 2026")[0] == PartialDate(2026, 12)  # (a capital: a code, not a word)


def test_a_number_glued_to_a_product_s_name_is_its_model_not_a_day():
    from generator.ingest import textdates

    for product in ["iPhone12", "iPad10", "eBook7"]:
        assert textdates.find(f"The {product} December 2026 update")[0] == PartialDate(2026, 12), product
    # a name with a capital first may be two glued together, a commenter's and the comment's date
    assert textdates.find("DresdenFae7 December 2026")[0] == DAY
    assert textdates.find("McRobbie7 December 2026")[0] == DAY
    assert textdates.find("janeRoe7 December 2026")[0] == DAY  # a name in lower case first: more than one letter


def test_a_slashed_date_either_order_reads_is_read_as_the_page_s_dates_written_out_say():
    # an English story with no sign of its country (an aggregator's copy of a British paper): 07/12/2026 is
    # 12 July to an American, 7 December to a Briton; its captions' dates settle it
    caption = "Commuters queue for the ferry on Dec. 5, 2026, in the harbour. (Photo: Jane Roe/Reuters)"
    scrape = _laid_out("en", [], ["The Daily Example 07/12/2026 Jane Roe"], [caption])
    assert text.read(scrape).published == DAY
    # nothing written out near either reading: the American order, as before
    assert text.read(_laid_out("en", [], ["The Daily Example 07/12/2026 Jane Roe"], [])).published == \
        PartialDate(2026, 7, 12)
    # a date written out near the first reading keeps it
    near_july = caption.replace("Dec. 5", "July 10")
    assert text.read(_laid_out("en", [], ["The Daily Example 07/12/2026 Jane Roe"], [near_july])).published == \
        PartialDate(2026, 7, 12)
    # so does a page read day first (German): its caption's July makes it 12 July, not 7 December
    german = _laid_out("de", [], ["Die Zeitung 07/12/2026 Jane Roe"], ["Pendler am 10. Juli 2026 am Hafen."])
    assert text.read(german).published == PartialDate(2026, 7, 12)


def test_a_slashed_date_on_a_page_without_metadata_is_read_as_its_dates_written_out_say():
    caption = "<p>Commuters queue for the ferry on Dec. 5, 2026, in the harbour. (Photo: Jane Roe/Reuters)</p>"
    page = _page("en", "Posted on 07/12/2026 by Jane Roe")
    assert html_reader.read(page).published == PartialDate(2026, 7, 12)
    assert html_reader.read(page.replace("</article>", caption + "</article>")).published == DAY
    # a date the metadata states is not read again
    stated = page.replace("</head>", "<meta property='article:published_time' content='2026-07-12'></head>")
    assert html_reader.read(stated.replace("</article>", caption + "</article>")).published == PartialDate(2026, 7, 12)


def test_a_day_from_the_page_s_metadata_is_not_read_the_other_way_by_its_text_s_dates():
    # htmldate reads 12 July from <meta name="created">, the JSON-LD names a later update, and the text says
    # 07/12/2026 under a caption of December: the metadata's day reads one way only; the text's would be flipped
    story = "".join(f"<p>{STORY['en']} ({n})</p>" for n in range(1, 25))
    caption = "<p>Commuters queue for the ferry on Dec. 5, 2026, in the harbour. (Photo: Jane Roe/Reuters)</p>"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2026-08-01"}</script>'

    def page(head: str, byline: str) -> str:
        return (f"<html lang='en'><head><meta charset='utf-8'>{head}{ld}<title>{HEADLINE['en']}</title></head>"
                f"<body><article><h1>{HEADLINE['en']}</h1><div class='byline'>By Jane Roe {byline}</div>{story}"
                f"{caption}<p>Print edition 07/12/2026</p></article></body></html>")

    assert html_reader.read(page("<meta name='created' content='2026-07-12'>", "")).published == \
        PartialDate(2026, 7, 12)
    assert html_reader.read(page("", "<time datetime='2026-07-12'></time>")).published == PartialDate(2026, 7, 12)
    assert html_reader.read(page("", "")).published == DAY  # read from the text: the captions' order


def test_a_day_is_glued_to_a_word_of_any_script_but_not_to_a_code_s_letters():
    from generator.ingest import textdates

    assert textdates.find("Download the mp3 December 2026")[0] == PartialDate(2026, 12)  # a file's kind, no day
    assert textdates.find("Print this page7 December 2026")[0] == DAY  # a link's label glued to the date
    assert textdates.find("Publié7 décembre 2026")[0] == DAY
    assert textdates.find("Опубликовано7 декабря 2026")[0] == DAY


def test_a_slashed_date_the_page_also_writes_in_its_own_order_is_not_read_the_other_way():
    caption = "Commuters queue for the ferry on Dec. 5, 2026, in the harbour. (Photo: Jane Roe/Reuters)"
    # the by-line's ISO day says 12 July, whatever the captions' month
    scrape = _laid_out("en", [], ["The Daily Example 07/12/2026 Jane Roe", "Posted 2026-07-12"], [caption])
    assert text.read(scrape).published == PartialDate(2026, 7, 12)


def test_a_slashed_date_read_the_other_way_keeps_its_time_of_day():
    from generator.ingest import textdates

    moment = dt.datetime(2026, 7, 12, 14, 5, tzinfo=dt.timezone.utc)
    stamped = PartialDate(2026, 7, 12, moment)
    page = ["Posted 07/12/2026 14:05", "Commuters on Dec. 5, 2026, in the harbour."]
    assert textdates.read_as_dated(stamped, page, day_first=False) == \
        PartialDate(2026, 12, 7, moment.replace(month=12, day=7))


def test_a_slashed_date_is_read_as_dates_written_out_in_digits_of_any_script_say():
    from generator.ingest import textdates

    for page in (["Posted 07/12/2026", "Commuters on Dec. ５, ２０２６, in the harbour."],
                 ["Posted ০৭/১২/২০২৬", "Commuters on Dec. 5, 2026, in the harbour."]):
        assert textdates.read_as_dated(PartialDate(2026, 7, 12), page, day_first=False) == DAY, page


def test_reading_a_slashed_date_the_other_way_takes_one_pass_over_a_big_page():
    import time

    from generator.ingest import textdates

    lines = [f"Line {n}: the ferry left on Dec. 5, 2026 at the harbour, as every day that winter." for n in
             range(20_000)] + ["Posted 07/12/2026"]
    start = time.perf_counter()
    assert textdates.read_as_dated(PartialDate(2026, 7, 12), lines, day_first=False) == DAY
    assert time.perf_counter() - start < 5.0  # 0.2-0.7 s here: once over the page, not once per date
