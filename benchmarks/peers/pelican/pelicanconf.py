# A minimal Pelican configuration asking for about the pages `archive build`
# writes: article pages, a paginated home page, year and month archives, tag,
# author and category (= source) pages with their index pages, 20 items a
# listing page, one Atom feed of the 50 newest articles. Theme: Pelican's
# default (notmyidea).
SITENAME = "Synthetic archive"
SITEURL = ""
RELATIVE_URLS = True  # like our offline-first relative links
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20

# a cold build every time: no content cache is read or written
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
CATEGORY_URL = "sources/{slug}/"
CATEGORY_SAVE_AS = "sources/{slug}/index.html"
CATEGORIES_SAVE_AS = "sources/index.html"

# one feed, as ours (Pelican's default adds a feed per category and author)
FEED_ALL_ATOM = "feed.xml"
FEED_MAX_ITEMS = 50
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},  # tables, footnotes, ... (ours: tables, footnotes, strikethrough)
        "markdown.extensions.toc": {},  # heading anchors, as ours
    },
    "output_format": "html5",
}
