"""The learned headline line scorer (generator/ingest/headlineline.py): on a whole-page copy it finds the headline
where the rules took a sub-heading for it, and its shipped trees load and score with no machine-learning library.
Small pages of our own in the shapes real copies have."""

from __future__ import annotations

import subprocess
import sys

from generator.ingest import headline_weights, headlineline, pagestart, text
from tests.helpers import FERRY_ARTICLE as ARTICLE
from tests.helpers import FERRY_PARAGRAPHS as PARAGRAPHS

MENU = "Home\nNews\nSport\nWeather\nOpinion\nFerries\nIsland life\nBusiness\nLetters\n"
# A headline that shares no word with the article's first paragraphs (a quotation, a pun)
QUOTED = "“Which island we want”"
PAGE = (f"{MENU}← Island life in winter\n{QUOTED}\nby Jane Roe, published 3 March 2021\n"
        f"Facebook0Tweet0Email0Print0\nThe new ferry timetable\n{ARTICLE}\n")


def test_the_headline_with_its_by_line_under_it_not_the_sub_heading_that_repeats_the_texts_words():
    # The rules took "The new ferry timetable" (right above the text, all its words in it) for the headline.
    record = text.read(PAGE)
    assert record.title == QUOTED
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body
    assert ("navigation", "← Island life in winter") in record.dropped


def test_a_breadcrumb_above_the_headline_and_a_sub_heading_under_its_by_line_are_neither_the_headline():
    for crumb in ("Home > Island > Ferries", "Home › Island › Ferries › “Which island we..."):
        page = f"{MENU}{crumb}\n{QUOTED}\nBy Jane Roe | 3 March 2021\nThe new ferry timetable\n{ARTICLE}\n"
        record = text.read(page)
        assert record.title == QUOTED, crumb
        assert ("navigation", crumb) in record.dropped


def test_the_shipped_trees_load_and_score_without_scikit_learn_or_numpy():
    # A fresh interpreter where importing scikit-learn or numpy fails: the import reads the page all the same.
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None\n"
        "sys.modules['numpy'] = None\n"
        "from generator.ingest import headlineline\n"
        "from generator.ingest.text import blocks_of\n"
        f"blocks = blocks_of({PAGE!r})\n"
        "print(blocks[headlineline.choose(blocks)])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == QUOTED


def test_the_shipped_trees_are_plain_numbers_for_the_features_the_code_computes():
    # Trees trained for another list of features would read the wrong numbers: retrain when NAMES change.
    assert tuple(headline_weights.NAMES) == tuple(headlineline.NAMES)
    assert headline_weights.TREES
    for tree in headline_weights.TREES:
        for feature, threshold, left, right in tree:
            assert isinstance(threshold, float)
            if feature >= 0:
                assert feature < len(headlineline.NAMES) and 0 < left < len(tree) and 0 < right < len(tree)
    blocks = text.blocks_of(PAGE)
    rule, body, first_headline, sure = headlineline.rules(blocks)
    assert not sure  # the trees choose here
    indexes, rows = headlineline.features(blocks, rule, body, first_headline)
    assert len(rows) == len(indexes) and all(len(row) == len(headlineline.NAMES) for row in rows)
    assert all(isinstance(headlineline.score(row), float) for row in rows)


def test_a_photo_credit_a_list_of_tags_or_a_list_item_over_the_text_is_never_the_headline():
    # Each of these lines shares the text's words and stands right above it: the trees alone would take it.
    headline = "Ferry users wait for winter"
    for line in ("The new ferry timetable at the harbour © AFP / Jane Roe", "Abb.: The new ferry timetable at the harbour",
                 "Tags: ferry timetable, harbour, island", "- The new ferry timetable"):
        record = text.read(f"{MENU}{headline}\nNews\n{line}\n{ARTICLE}\n")
        assert record.title == headline, line


def test_what_no_headline_is_leaves_headlines_that_only_look_alike_eligible():
    blocks = ["Menu", "Continua depois da publicidade", "Continue reading: the ferry’s last winter",
              "Topics of the island council", "Tags: ferries, island", "• Ferries", "-20 °C on the island", "Crossing"]
    assert headlineline.eligible(blocks, list(range(len(blocks)))) == [0, 2, 3, 6, 7]


def test_a_tag_list_s_label_is_one_vocabulary_for_the_end_the_headline_and_the_post_s_data():
    """endings.TAG_LABELS: a line a tag list's label leads closes the text and is no headline; after a name over
    an html post it is the post's data (the three readers had three lists: "Posted in:" was a headline)."""
    from generator.ingest import html
    from generator.ingest.endings import ending

    for label in ("Tags", "Posted in", "Filed under", "Labels", "Schlagwörter", "Temas", "Mots-clés", "标签"):
        line = f"{label}: ferries, harbour"
        assert ending(line) == "footer", line
        assert headlineline.eligible(["Menu", line], [0, 1]) == [0], line
        assert html._is_post_meta(f"Jane Roe | {line}"), line


def test_a_long_line_that_shares_no_word_with_the_prose_is_no_headline_a_long_headline_that_does_is():
    # A profile's tagline over a post ("Consultant ... Focus: ..."): thirteen words, none of them the text's.
    tagline = ("Consultant and coach for teams in transition. Focus: meetings, moderation, learning formats, "
               "digital collaboration")
    headline = "After a long debate the harbour council finally agrees on a timetable for the island's winter"
    blocks = ["Sign in", headline, "Published on March 3, 2021", "Jane RoeFollow", tagline, "Share", *PARAGRAPHS]
    assert headlineline.eligible(blocks, [0, 1, 2, 3, 4, 5]) == [0, 1, 2, 3, 5]
    # The first line stays eligible whatever it says (the rules and the trees weigh a site's name there).
    assert headlineline.eligible([tagline, *PARAGRAPHS], [0]) == [0]


def test_a_long_tagline_that_ends_as_a_sentence_is_no_headline_either():
    """A line that ends with a full stop is prose: its own words are not the page's that it shares."""
    tagline = "Consultant and coach for teams in transition, focusing on meetings, moderation and digital collaboration."
    headline = "After a long debate the harbour council finally agrees on a timetable for the island's winter"
    blocks = ["Sign in", headline, "Jane RoeFollow", tagline, "Share", *PARAGRAPHS]
    assert headlineline.eligible(blocks, [0, 1, 2, 3, 4]) == [0, 1, 2, 4]
    # ... nor one printed twice (a profile's box at the top and at the foot): its copy is not the text
    assert headlineline.eligible([*blocks, tagline], [0, 1, 2, 3, 4]) == [0, 1, 2, 4]
    # a long headline that ends as a sentence, and speaks of the text, stays
    question = "Will the harbour council agree on a timetable for the ferry pier before the winter storms arrive?"
    assert headlineline.eligible(["Sign in", question, *PARAGRAPHS], [0, 1]) == [0, 1]


def test_the_headline_over_its_by_line_not_the_sub_heading_the_trees_take_under_it():
    # The trees take the sub-heading right above the text (its words are the text's); the line over the by-line,
    # with only a date and share buttons between, is the headline. The by-line in three shapes real sites print.
    for meta, subheading in (("von Jane Roe\n3. März 2021\nShare", "The new ferry timetable for the island"),
                             ("By\nJane Roe\nMarch 3, 2021\nFacebook\nTwitter\nPrint",
                              "Timetable: two early crossings and a late one"),
                             ("Published on 3 March 2021 by Jane Roe\nShare", "The new ferry timetable")):
        page = f"{MENU}{QUOTED}\n{meta}\n{subheading}\n{ARTICLE}\n"
        blocks = text.blocks_of(page)
        rule, body, first_headline, sure = headlineline.rules(blocks)
        indexes, rows = headlineline.features(blocks, rule, body, first_headline)
        assert blocks[headlineline.best(indexes, rows)] == subheading  # what the trees alone choose
        assert text.read(page).title == QUOTED, meta


def test_a_line_with_its_own_date_or_another_story_s_teaser_between_keeps_the_choice():
    teaser = "Five ferries that changed the island forever"
    chosen = "The new ferry timetable"
    # an author's box (another story's headline and its by-line) over a list of their stories, then the article's
    # headline with its date under it, or with a teaser of another story between
    for lines in ([teaser, "Written by Jane Roe", chosen, "March 3, 2021"],
                  ["Night crossings are back", "Written by Jane Roe", teaser, "Share", chosen]):
        blocks = [*MENU.split("\n")[:-1], *lines, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, blocks.index(PARAGRAPHS[0])) == index, lines
    # and none without a first paragraph
    assert headlineline.over_by_line([QUOTED, "By Jane Roe", chosen], 2, None) == 2


def test_a_link_to_the_next_post_or_to_more_or_a_button_s_label_is_no_headline():
    blocks = ["Menu", "← Island life in winter", "The ferry’s last winter →", "Read more", "See more from the harbour",
              "Ver más de la Región de Magallanes", "Close this search box.", "Weiterlesen",
              "Reading more into the ferry debate", "Island → mainland: the new crossings", "Seeing all the islands"]
    assert headlineline.eligible(blocks, list(range(len(blocks)))) == [0, 8, 9, 10]
    # the next post's link over the post's headline and by-line, its words the text's: the rules and the trees
    # alone took it
    page = f"{MENU}← Island life in winter\nThe council debates the new ferry timetable →\n{QUOTED}\nby Jane Roe\n" \
           f"{ARTICLE}\n"
    assert text.read(page).title == QUOTED


def test_a_headline_that_starts_with_a_link_s_words_may_be_chosen_when_it_is_longer_than_a_link():
    headline = "See all the ways the new ferry timetable changes the island's commute"
    links = ["See More Stories on The Harbour Gazette", "Read More: Island workers ask for earlier crossings",
             "See All Jobs » Post a job", "Read more about the timetable here.", "Lire aussi Les ferries de l'île en hiver"]
    blocks = ["Menu", headline, *links]
    assert headlineline.eligible(blocks, list(range(len(blocks)))) == [0, 1]
    page = f"{MENU}{headline}\nby Jane Roe\n{ARTICLE}\n"
    assert text.read(page).title == headline


def test_the_items_of_a_related_list_or_of_a_table_of_contents_are_no_headline():
    items = ["Ferry company warns of higher fuel costs", "Island workers ask for earlier crossings"]
    for label in ("Related", "Relacionadas", "Lesen Sie auch:", "Inhalt", "Table of contents"):
        blocks = ["Menu", QUOTED, label, *items, "March 3, 2021", "The harbour in winter", *PARAGRAPHS]
        assert headlineline.eligible(blocks, list(range(8))) == [0, 1, 2, 6, 7], label  # (5: a date alone)
    # "Recent posts" lists the post itself first; an item under a date line is no longer the list's
    blocks = ["Menu", "Recent posts", *items, "Related", "March 3, 2021", QUOTED, *PARAGRAPHS]
    assert headlineline.eligible(blocks, list(range(7))) == [0, 1, 2, 3, 4, 6]
    # a table of contents under the headline: the headline, not the first section
    toc = "Inhalt\nHow early are the new crossings?\nWho pays for the fuel?\n"
    assert text.read(f"{MENU}{QUOTED}\n{toc}Jane Roe\n{ARTICLE}\n").title == QUOTED


def test_an_ordinary_sentence_that_starts_with_by_s_word_is_no_by_line_to_lift_the_headline_over():
    # "Da", "Par", "Por", "By" start ordinary sentences in Italian, French, Spanish and English: a line over one
    # is no headline over its by-line. A name after the word (or the word alone) is one.
    chosen = "The new ferry timetable"
    for sentence in ("Da oggi il traghetto parte alle sei", "Par ailleurs, le conseil a voté hier soir",
                     "Por otro lado, el consejo votó ayer", "By the end of the year the ferry runs twice"):
        blocks = [*MENU.split("\n")[:-1], "Island ferries at dawn", sentence, chosen, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, index + 1) == index, sentence
    for by_line in ("By Jane Roe", "By", "di Mario Rossi", "Da Redação", "Par Jeanne Dupont", "por María López",
                    "Veröffentlicht am 13. März 2019 von Jane Roe", "BY JANE ROE", "Da Redação, com agências",
                    "Von Ursula von der Leyen", "By Jane and John Roe", "Par AFP, publié le 7 décembre",
                    "by John on July 14, 2012", "Par Laurent, publié le 7 décembre"):
        blocks = [*MENU.split("\n")[:-1], "Island ferries at dawn", by_line, chosen, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, index + 1) == index - 2, by_line


def test_a_place_or_a_day_after_by_s_word_opens_a_sentence_or_a_dateline_not_a_by_line():
    # one capitalized word and a comma, then a sentence's next word: a place ("Da Roma, il ministro"), a day
    # ("By Monday, the"), a surname that opens the sentence ("Di Maio, il ministro")
    chosen = "The new ferry timetable"
    for sentence in ("Da Roma, il ministro ha confermato l'orario", "Von Berlin, sagte der Minister, fährt sie",
                     "By Monday, the ferry runs twice", "Di Maio, il ministro, ha confermato l'orario"):
        assert not pagestart.BY_LINE.match(sentence), sentence
        blocks = [*MENU.split("\n")[:-1], "Island ferries at dawn", sentence, chosen, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, index + 1) == index, sentence


def test_a_one_word_name_then_a_role_an_agency_or_a_day_after_its_comma_is_a_by_line():
    # the place-then-sentence rule took these for sentences: a role or an agency in lower case, or the day, follows
    # the comma of a by-line whose name is one word
    chosen = "The new ferry timetable"
    for by_line in ("By Roe, special correspondent", "Von Müller, dpa", "Por Pérez, corresponsal en Roma",
                    "Par Laurent, le 7 décembre 2020", "By Admin, on May 12, 2020", "Von Redaktion, am 12.05.2020"):
        assert pagestart.BY_LINE.match(by_line), by_line
        blocks = [*MENU.split("\n")[:-1], "Island ferries at dawn", by_line, chosen, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, index + 1) == index - 2, by_line


def test_a_word_in_lower_case_after_the_first_name_word_opens_a_sentence_unless_it_joins_a_name():
    for sentence in ("Von Berlin aus fliegt die Fähre zweimal", "By Monday the ferry runs twice",
                     "Da Roma il ministro ha confermato", "By the end of the year"):
        assert not pagestart.BY_LINE.match(sentence), sentence
    for by_line in ("By Jane Roe", "by John on July 14", "Von Müller und Schmidt", "Von Ursula von der Leyen",
                    "By Roe in Kabul", "By Reuters staff", "Par Laurent le 7 décembre", "By", "Posted by Jane Roe"):
        assert pagestart.BY_LINE.match(by_line), by_line


def test_the_page_start_rules_read_a_by_line_by_the_one_definition():
    # pagestart's rules had a looser by-line of their own: "By the end of …", "Von Berlin aus …" were by-lines there
    for line in ("By the end of the year the ferries run twice", "Von Berlin aus fliegt die Fähre zweimal"):
        assert not pagestart.about_it(line), line
    assert pagestart.about_it("By Jane Roe") and pagestart.about_it("Von Martina Scharmann")
    assert pagestart.headline_within("Ferries run again on Sunday by Jane Roe", ["Ferries run again on Sunday"]) == \
        "Ferries run again on Sunday"
    assert pagestart.headline_within("Ferries run again on Sunday by the harbour", ["Ferries run again on Sunday"]) == \
        "Ferries run again on Sunday by the harbour"


def test_a_newsroom_or_an_agency_in_lower_case_signs_a_by_line():
    # pagestart's own looser by-line took these (any word after "Von"); the one definition wants a capital, which a
    # newsroom's article and a German agency's name have not. A name that opens a sentence stays none.
    for line in ("Von der Redaktion", "Par la rédaction", "Por la redacción", "Von dpa", "Von dpa und AFP",
                 "Veröffentlicht am 13. März 2019 von der Redaktion"):
        assert pagestart.BY_LINE.match(line) and pagestart.about_it(line), line
        blocks = [*MENU.split("\n")[:-1], "Island ferries at dawn", line, "The new ferry timetable", *PARAGRAPHS]
        index = blocks.index("The new ferry timetable")
        assert headlineline.over_by_line(blocks, index, index + 1) == index - 2, line
    for sentence in ("Von der Leyen sagte am Dienstag, die Fähre fahre", "Par la suite, le conseil a voté",
                     "Von dpa sagte er nichts"):
        assert not pagestart.BY_LINE.match(sentence), sentence


def test_a_line_that_may_not_be_chosen_is_not_lifted_to_either():
    # a list's item, a link to more, a tag line: NOT_HEADLINE's lines, over an author's by-line
    chosen = "The new ferry timetable"
    for line in ("- Island ferries at dawn", "See all island ferries", "Tags: Island ferries, harbour"):
        blocks = [*MENU.split("\n")[:-1], line, "By Jane Roe", chosen, *PARAGRAPHS]
        index = blocks.index(chosen)
        assert headlineline.over_by_line(blocks, index, index + 1) == index, line


def test_the_headline_under_a_list_of_bare_links_is_no_item_of_it_when_its_by_line_follows():
    # a sidebar's "Most read" ends right over the article's headline; its by-line says whose headline it is
    items = ["Ferry company warns of higher fuel costs", "Island workers ask for earlier crossings"]
    blocks = ["Menu", "Most read", *items, QUOTED, "By Jane Roe", *PARAGRAPHS]
    assert headlineline.eligible(blocks, list(range(6))) == [0, 1, 4, 5]


def test_the_line_a_breadcrumb_ends_with_printed_again_under_it_is_the_headline():
    # the page's path ends with the page's own headline, after a mark or glued to its last link (a copy of a row
    # of links); under it a date, a by-line or the text
    headline = "Ferries and the island"
    for path, under in ((f"Home » Island life » {headline}", "March 3, 2021"),
                        (f"HomeIsland life{headline}", "By Jane Roe"), (f"Home / Island / {headline}", None)):
        lines = [path, headline, *([under, "Timetables: two early crossings"] if under else []), *PARAGRAPHS]
        blocks = [*MENU.split("\n")[:-1], *lines]
        body = blocks.index(PARAGRAPHS[0])
        assert headlineline.crumbed_headline(blocks, body) == blocks.index(headline), path
        assert headlineline.settled(blocks, body - 1, body) == blocks.index(headline), path
    # a section's label the path ends with, over the headline; a by-line that ends with a name; no path at all
    for lines in (["BLOGS /Island life", "Island life", QUOTED, "By Jane Roe"],
                  [QUOTED, "By Jane Roe", "Jane Roe", "March 3, 2021"], [QUOTED, "Island life", "By Jane Roe"]):
        blocks = [*MENU.split("\n")[:-1], *lines, *PARAGRAPHS]
        assert headlineline.crumbed_headline(blocks, blocks.index(PARAGRAPHS[0])) is None, lines
    assert headlineline.crumbed_headline(["Home", "Island"], None) is None
    # the trees alone take the sub-heading whose words are the text's
    page = f"{MENU}HomeIsland life{headline}\n{headline}\nMarch 3, 2021\nThe new ferry timetable\n{ARTICLE}\n"
    blocks = text.blocks_of(page)
    rule, body, first_headline, sure = headlineline.rules(blocks)
    assert blocks[headlineline.best(*headlineline.features(blocks, rule, body, first_headline))] != headline
    assert text.read(page).title == headline


def test_a_chosen_line_far_over_the_headline_and_its_by_line_gives_way_to_it():
    # a site's name over its menu, chosen; far under it the article's headline over its by-line
    site = "Island Ferry Friends"
    blocks = ["Sign in", site, *MENU.split("\n")[:-1], "Archive", QUOTED, "von Jane Roe", "3. März 2021",
              "The new ferry timetable", *PARAGRAPHS]
    body = blocks.index(PARAGRAPHS[0])
    assert headlineline.under_choice(blocks, 1, body) == blocks.index(QUOTED)
    assert headlineline.settled(blocks, 1, body) == blocks.index(QUOTED)
    # not from the first line (a copy that starts with its headline), not from a line with its own date under it,
    # not from a line closer than FAR, not without a first paragraph
    assert headlineline.under_choice(blocks, 0, body) == 0
    dated = ["Sign in", site, "March 3, 2021", *blocks[2:]]
    assert headlineline.under_choice(dated, 1, body + 1) == 1
    near = blocks.index(QUOTED) - headlineline.FAR + 1
    assert headlineline.under_choice(blocks, near, body) == near
    assert headlineline.under_choice(blocks, 1, None) == 1


def test_a_skip_link_and_a_date_alone_are_never_the_headline():
    # "Skip to main content" heads many whole-page copies; a date line alone ("Monday, 6 January 2020") is the
    # article's date, not its headline; a headline that holds a date is still one
    blocks = ["Skip to main content", "EXPLORE", "Ferries", QUOTED, "Monday, 6 January 2020", "Blogposting 01/23/2020",
              "Zum Inhalt springen", "Aller au contenu principal", "Skip to content", *PARAGRAPHS]
    assert headlineline.eligible(blocks, list(range(9))) == [1, 2, 3, 5]
    assert headlineline.eligible(["Skip to content", *PARAGRAPHS], [0, 1]) == [1]
    # a copy of nothing but skip links: every candidate is left to the trees
    assert headlineline.eligible(["Skip to content", "Skip to navigation"], [0, 1]) == [0, 1]
    # not a line that only starts with the words ("Skip to the good part: ...")
    assert headlineline.eligible(["Menu", "Skip to the good bits of the new timetable"], [0, 1]) == [0, 1]


def test_a_standfirst_in_sentence_case_under_the_headline_gives_way_to_it():
    # the trees' choice is the standfirst: a sentence-case line of ten words or more, with the date under it; the
    # headline over it speaks of the text
    headline = "Why the island wants its early ferry crossings"
    standfirst = "An interview with the harbour master, who explains what the council voted for on Tuesday"
    blocks = [*MENU.split("\n")[:-1], headline, standfirst, "Jun 18th 2018", *PARAGRAPHS]
    body, chosen = blocks.index(PARAGRAPHS[0]), blocks.index(standfirst)
    assert headlineline.over_standfirst(blocks, chosen, body) == chosen - 1
    assert headlineline.settled(blocks, chosen, body) == chosen - 1
    # not a title-case line (a headline under a kicker), nor a short one, nor one with no by-line or date under it,
    # nor under a line that shares no word with the text or is furniture
    for lines in ([headline, "An Interview With the Harbour Master, Who Explains What the Council Voted For",
                   "Jun 18th 2018"],
                  [headline, "What the harbour master says about it", "Jun 18th 2018"],
                  [headline, standfirst, "Share this story"],
                  ["Our weekly podcast on novels and poems", standfirst, "Jun 18th 2018"],
                  ["Like us on Facebook", standfirst, "By Jane Roe"]):
        blocks = [*MENU.split("\n")[:-1], *lines, "Photo: Jane Roe", *PARAGRAPHS]
        body = blocks.index(PARAGRAPHS[0])
        assert headlineline.over_standfirst(blocks, blocks.index(lines[1]), body) == blocks.index(lines[1]), lines
    assert headlineline.over_standfirst([headline, standfirst], 1, None) == 1
