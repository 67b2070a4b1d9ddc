"""Page furniture: the lines of a news page that are not the article, and the header lines about it.

Shared by the readers of scraped text and of HTML: photo captions and credits,
archive notices, the shapes of by-lines and copyright lines, and the navigation,
share, sign-up and advertisement vocabulary in several languages (reading a by-line
or date line: `headerlines.py`). Every rule is
a general pattern, never one outlet's exact strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.archive.model import Image, PartialDate

TERMINAL = ".!?…:;\"”’»)]'。！？」』“"  # (“ closes a German quotation: „…“)
# A full-width closing bracket ends a sentence only as a Chinese story's credit does: after the last sentence's stop,
# "……。（记者 胡晓蓉）", or as a line of its own, "（完）", "（新华社报道）". A line that only ends in one is a headline's
# or a list item's note ("XX事件（图）", "Gary（2010年－2016年）", "学科、专业名称（代码）"): no sentence.
_CREDIT_END = re.compile(r"(?:[。！？.!?」』”]\s*（[^（）\n]{1,30}|[。！？.!?]|^\s*（(?:完|(?![^（）]*图）)[^（）\s]{2,4})|^\s*（(?:[^（）\n]{0,20}"
                         r"(?:记者|通讯员)[^（）\n]{0,20}|[^（）\n]{1,20}(?:报道|电|供稿)))）\s*$")


def ends_sentence(text: str) -> bool:
    """The text's last character closes a sentence (TERMINAL), or it ends in a Chinese story's credit."""
    return text[-1:] in TERMINAL or (text[-1:] == "）" and bool(_CREDIT_END.search(text)))

# --- photo captions ------------------------------------------------------------------
_PHOTO = r"(?:photo(?:graph)?|image|picture|pic|foto|bild|illustration)"
_NAME_TOKEN = r"(?:[A-ZÀ-Ý][\w'’-]*|[A-Z]\.)"
CREDIT_AT_END = [
    # (Photo credit should read X), (Credit: X), (Image courtesy X)
    re.compile(rf"\((?:{_PHOTO}\s*)?(?:credits?|crédit|courtesy)(?:\s+(?:should\s+read|of|to))?\s*:?\s*(?P<credit>[^()]+?)\)\s*$", re.I),
    # (Photo by X), (Photo: X), (Foto: X)
    re.compile(rf"\({_PHOTO}\s*(?:by|:|von|de|par|por)\s*(?P<credit>[^()]+?)\)\s*$", re.I),
    # (AP Photo/Jane Roe, File), (dpa-Foto/Name)
    re.compile(rf"\((?P<credit>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*)?[\s-]{_PHOTO}s?\s*/\s*[^()]+?)\)\s*$", re.I),
    # (Getty Images), (Pool/AFP via Getty Images)
    re.compile(r"\((?P<credit>[^()]{0,60}\b(?:Getty Images|Images|Photography|Pool)\b[^()]{0,40})\)\s*$"),
    # ... Photo: X / Credit: X / Foto: X at the end
    re.compile(rf"(?:^|(?<=[.!?)])\s+|\s[|–—-]\s)(?:{_PHOTO}|credits?|crédit|courtesy)(?:\s+(?:by|credit))?\s*:\s*(?P<credit>[^.:|]{{2,80}}?)\s*$", re.I),
    # ... Firstname Lastname/AGENCY[/Getty Images]
    re.compile(rf"(?P<credit>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})+\s*/\s*{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN})*(?:\s*/\s*{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN})*)*)\s*$"),
]

# --- notices, by-lines, copyright, datelines -------------------------------------
ARCHIVE_NOTICE = re.compile(
    r"\b(?:archived?|archiviert|archivé|archivado|archiviato|outdated|out of date|out-of-date|veraltet|"
    r"no longer (?:be )?(?:current|updated|accurate))\b", re.I)
NOTICE_SUBJECT = re.compile(
    r"\b(?:this|the)\s+(?:article|story|page|content|report|information)\b|\bdieser\s+(?:artikel|beitrag)\b|"
    r"\bcet\s+article\b|\beste\s+art[ií]culo\b|\bquesto\s+articolo\b", re.I)
BYLINE = re.compile(
    r"^(?:(?:written|story|words|text|reporting|report|photos and text)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|text|autor(?:in)?|authors?|auteur|autora?)\s*:?\s+(?P<who>.+)$", re.I)
BYLINE_CJK = re.compile(r"^(?:记者|撰文|作者|文|記者)[：:\s]+(?P<who>\S.{0,30})$")
# A copyright notice has a shape: a (c) sign, "All rights reserved" or "Copyright YEAR HOLDER", in a short
# line. The word "copyright" alone is not one: prose speaks of copyright too.
# A © glued to the word before it and followed by a sentence's next word ("a manifesto™© we just think") is a
# joke in prose, not a notice: a notice's © stands before its year or its holder. (The © first: as fast as it alone.)
_RIGHTS_MARK = re.compile(
    r"©(?:(?<![\w™®]©)|(?!\s+(?-i:[a-zß-ÿ])))|\(c\)\s*(?:19|20)\d{2}\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|tutti i diritti riservati|版权所有|著作権", re.I)
_COPYRIGHT_YEAR = re.compile(
    r"(?i)^[\W_]*(?:trademark\s+(?:and|&)\s+)?copyright\s*(?:©|\(c\))?\s*(?:19|20)\d{2}\b")
RIGHTS_WORDS = 40


def is_rights_line(block: str) -> bool:
    """A copyright notice by its shape (where it stands is `rights_outside_text`'s test)."""
    return words(block) <= RIGHTS_WORDS and bool(_RIGHTS_MARK.search(block) or _COPYRIGHT_YEAR.match(block))


OUTLET_WORDS = re.compile(
    r"\b(?:news|press|times|post|herald|journal|tribune|agency|media|network|radio|tv|television|magazine|"
    r"daily|gazette|courier|chronicle|observer|guardian|telegraph|review|wire|report|zeitung|presse|"
    r"nachrichten|rundschau|noticias|diario|periódico|el país|le monde|libération|figaro|nouvelles|"
    r"associated|reuters|bloomberg|agence|newspaper|inc|ltd|llc|gmbh|s\.a\.)\b", re.I)
ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|writer|editor|staff|contributor|producer|analyst|columnist|journalist|"
    r"photographer|redakteur(?:in)?|rédaction|redacción|redazione|senior|chief|special|desk|team|"
    r"updated|published|posted)\b", re.I)
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "y", "dos", "das", "ter"}

# --- navigation cruft: short blocks in a general vocabulary ---------------------------
# The labels of a list of related stories, in the languages sites print them: furniture here, and to the headline
# finder the label over a list whose items are no headline (headlineline.LIST_LABEL)
RELATED_LABELS = r"""related(?:\s+(?:articles|stories|posts|news))? | relacionad[ao]s | notas\s+relacionadas | leia\s+também
| lea\s+también | lesen\s+sie\s+auch | (?:à\s+)?lire\s+aussi | read\s+also | also\s+read | see\s+also | more\s+(?:stories|news)
| most\s+(?:read|popular) | las\s+más\s+leídas | mais\s+lidas | meistgelesen | you\s+(?:may|might)\s+also\s+like"""
# Headings of blocks that list other stories: after one, the lines that follow are headlines, not the article.
SECTION_CRUFT = re.compile(r"""(?ix)^[\W_]*(?:""" + RELATED_LABELS + r""" |
  most\s+(?:popular|read|viewed|shared|commented|watched)(?:\s+\w+){0,2}
| (?:latest|more|top|related|other|breaking|trending|recommended|popular|featured|further)\s+
    (?:news|stories|articles|headlines|content|coverage|videos?|reads?|topics|links|posts?|from\b.*|on\b.*|in\b.*|about\b.*)
| related | trending(?:\s+now)? | recommended(?:\s+for\s+you)? | editor'?s\s+picks? | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)
| (?:read|watch|listen)\s+(?:more|next|also|this\s+next) | see\s+(?:also|more) | don'?t\s+miss | recent\s+posts | popular\s+now
| mehr\s+zum\s+thema | lesen\s+sie\s+(?:auch|mehr) | weitere\s+(?:artikel|nachrichten|meldungen) | auch\s+interessant
| meistgelesen | zum\s+thema | les\s+plus\s+lus | sur\s+le\s+même\s+sujet | (?:à\s+)?lire\s+(?:aussi|également)
| (?:noticias|artículos)\s+relacionad[oa]s | lo\s+más\s+leído | más\s+noticias | lee\s+(?:también|más)
| 相关(?:新闻|阅读|文章|报道) | 热门(?:新闻|文章)? | 更多(?:新闻)? | 関連記事 | アクセスランキング | あわせて読みたい
)[\W_]*$""")
# "Read more: <another headline>" and the like.
READ_ALSO = re.compile(
    r"(?i)^[\W_]*(?:(?:read|watch|listen|see)(?:\s+(?:more|also|next))?|v[ií]deos?|photos?|fotos?|related|lesen\s+sie\s+(?:auch|mehr)|"
    r"relacionad[oa]s?|(?:también\s+)?te\s+puede\s+interesar|ti\s+potrebbe\s+interessare|leggi\s+anche|mehr\s+dazu|(?:à\s+)?lire\s+(?:aussi|également)|à\s+lire|lee\s+(?:también|más)|leer\s+más|相关阅读|延伸阅读|あわせて読みたい|関連記事)"
    r"\s*[:：»]")
# Invitations to do something else than read: chat, download, get newsletters or alerts.
PROMO = re.compile(
    r"(?i)^[\W_]*(?:(?:chat|connect|talk)\s+with\s+us|download\s+(?:our|the)\s+\w*\s*app|"
    r"get\s+(?:the\s+)?(?:latest|breaking|top)\s+(?:news|headlines|stories)|sign\s+up\s+(?:for|to)|"
    r"(?:get|receive)\s+(?:our|the)\s+\w*\s*(?:newsletter|alerts?)|"
    r"(?:\w+\s+){0,8}contributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article))")
# Editors' notes about the page itself.
PAGE_NOTE = re.compile(
    r"(?i)^[\W_]*(?:this|the)\s+(?:story|article|report|post)\s+(?:has\s+been|was|is\s+being)\s+"
    r"(?:updated|amended|edited)\b")
# "This website uses cookies ...", "Diese Seite benutzt Cookies.", "Nous utilisons des cookies ...".
COOKIE_NOTICE = re.compile(
    r"(?i)^(?:this\s+(?:web)?site|we|our\s+(?:web)?site|diese\s+(?:web)?seite|wir|nous|ce\s+site|usamos|utilizamos|"
    r"este\s+sitio)\b.{0,40}\b(?:uses?|utilis\w*|benutzt|verwende\w*|nutz\w*|usa\w*|utiliza\w*)\b.{0,30}\bcookies?\b")
# An advertisement's label between or under paragraphs, and the links to advertise on the site, in the languages
# sites print them ("Advertisement", "- Anzeige -", "Publicidad", "Advertise | AdChoices", "Story continues below
# advertisement"): furniture wherever they stand (is_cruft), a notice in the explanation (cruft_kind). What follows
# "Advertise with" / "on" names the site, not a sentence ("Advertise on the radio, she said." is text).
AD_LABELS = r"""(?:advertisements?|advertising|advert|ad|anzeige|werbung|reklame|publicité|publicidad|publicidade|pubblicità
  |advertentie|广告|広告)(?:\s*[-–—:|]?\s*(?:scroll\s+(?:down\s+)?to\s+continue|continue\s+reading)\b.{0,30})?
| (?:advertise(?:\s+(?:with|on|here|locally)\b(?!.*[,;]|.*\w\.\W*$).{0,30})?|ad\s*choices|ad\s+feedback)(?:\s*[|·•]\s*(?:advertise|ad\s*choices|ad\s+feedback)\b)*
| (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?"""
_AD_LABEL = re.compile(r"(?ix)^[\W_]*(?:" + AD_LABELS + r")[\W_]*$")
# Single lines of page furniture: share bars, ad markers, sign-up prompts, menus, cookie notices.
LINE_CRUFT = re.compile(r"""(?ix)^[\W_]*(?:
  (?:read|watch|listen)\s+(?:more|next|also|the\s+full\s+(?:story|article))\b.*
| see\s+(?:also|more)\b.* | don'?t\s+miss\b.* | share(?:\s+(?:this|the)\s+(?:article|story|page|post))?(?:\s+(?:on|via)\s+.*)?
| (?:(?:facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|telegram|flipboard|copy\s+link|link\s+copied
     |pin\s+it|tweet|share(?:\s+(?:this|the)\s+(?:article|story|page|post))?)[\s|/·•,]*){2,}
| subscribe\b.* | sign\s+(?:up|in)\b.* | log\s*in | newsletters? | (?:get|join)\s+our\s+(?:\w+\s+)?newsletter.*
| """ + AD_LABELS + r""" | sponsored(?:\s+content)? | promoted(?:\s+stories)?
| follow\s+(?:us|me|@[\w.]+)\b.* | (?:hide|show)\s+captions? | (?:adjust|change)\s+(?:the\s+)?(?:text|font)\s+size | \d*\s*comments?(?:\s*\(\d+\))? | (?:leave|add|post)\s+a\s+(?:comment|reply) | show\s+comments
| (?:want\s+to\s+join\s+the\s+(?:conversation|discussion)|to\s+comment|para\s+comentar|pour\s+commenter|um\s+zu\s+kommentieren)\b.*
| (?:there\s+are\s+)?no\s+(?:user\s+|reader\s+)?(?:comments|responses|replies)(?:\s+yet)? | be\s+the\s+first\s+to\s+(?:comment|reply|respond|express\s+your\s+opinion|review)\b.*
| (?:popular|trending)\s+in\s+the\s+community
| (?:(?:skip|jump)\s+(?:to\s+)?(?:the\s+)?(?:main\s+)?(?:content|navigation|search|menu)[\s|·•]*)+
| (?:omitir|saltar|ir)\s+(?:para\s+ir\s+)?al?\s+(?:el\s+)?contenido(?:\s+principal)? | direkt\s+zum\s+inhalt
| zum\s+inhalt\s+springen | (?:aller|passer)\s+au\s+contenu(?:\s+principal)?
| (?:log\s*in|sign\s*in|log\s*out|register|my\s+account)(?:\s*[|/·•]?\s*(?:log\s*in|sign\s*(?:up|in)|log\s*out|register))*
| log\s*in\s+to\s+your\s+account | back\s+to\s+[^\s,;]+(?:\s+[^\s,;]+){0,2} | menu | search | home | sections | live\s+tv | watch\s+live
| listen(?:\s+to\s+this\s+article)? | play\s+video | just\s+watched | must\s+watch | replay | now\s+playing
| up\s+next | autoplay | more\s+videos\b.* | watch\s+now | video(?:\s+unavailable)? | photos? | gallery | (?:\d+\s+)?min(?:ute)?s?\s+read
| cookies?\b.* | privacy(?:\s+policy)? | terms\s+(?:of\s+(?:use|service)|and\s+conditions) | accept(?:\s+all)?(?:\s+cookies)?
| (?:print|email|e-mail|share|save)\s+(?:this\s+)?(?:story|article|page)(?:\s*[|·•]\s*(?:print|email|e-mail|share|save)\s+(?:this\s+)?(?:story|article|page))*
| report\s+a\s+(?:typo|correction|error) | (?:copy|copied)\s+(?:the\s+)?link | trending\s+stories | top\s+stories
| click\s+here\b.* | continue\s+reading\b.* | in\s+this\s+(?:article|story)\s*: | tags? | topics | already\s+a\s+subscriber\b.*
| (?:supported|sponsored|presented)\s+by | paid\s+(?:content|post|partner\s+content)
| zur\s+merkliste\s+hinzufügen | merken | add\s+to\s+(?:bookmarks|reading\s+list|my\s+list|favou?rites)
| save(?:\s+(?:article|story|for\s+later))? | bookmark | sauvegarder | guardar | [_=*~·•-]{3,} | (?:lecture|lesezeit|lectura|reading\s+time)\s*:?\s*\d+\s*min\.?(?:utes?|uten)?
| (?:article\s+)?(?:réservé\s+aux\s+abonnés|for\s+subscribers(?:\s+only)?|subscribers?[\s-]only|nur\s+für\s+abonnenten)
| (?:contenido\s+)?exclusivo\s+(?:para\s+)?suscriptores | contribuer
| teilen | artikel\s+teilen | abonnieren | startseite | jetzt\s+abonnieren\b.* | impressum.*
| partager | abonnez-vous.* | compartir | suscríbete.*
| 分享(?:到|给好友|让更多人看到)? | 返回顶部 | シェア | 広告 | 订阅.* | 続きは.* | 发表评论 | 我来说两句 | 举报 | 关注(?:我们)?
| (?:网友|读者|用户)?评论\s*[（(]?\s*\d*\s*[)）]?\s*条? | [大中小]?字号(?:\s*[:：]?(?:\s*[大中小]){1,3})? | 打印(?:本[文页稿])? | 关闭(?:窗口|本页)? | 收藏(?:本[文页])?
)[\W_]*$""")


@dataclass
class Found:
    """What the header lines of one article said."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: PartialDate | None = None
    updated: PartialDate | None = None
    rights: list[str] = field(default_factory=list)
    image: Image | None = None
    archived: bool = False
    summary: str | None = None
    url: str | None = None
    day_first: bool = False  # numeric dates are day/month (the text is not English)
    label: str | None = None  # a date's label alone on the line before it ("Updated", then "Dec 8, 2026")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def words(block: str) -> int:
    """Words, counting two CJK characters as one (those scripts put no spaces between words)."""
    cjk = len(_CJK.findall(block))
    return len(_CJK.sub(" ", block).split()) + (cjk + 1) // 2


def is_prose(block: str) -> bool:
    """A paragraph of prose, as the endings count it: it ends as a sentence ends, or runs 20 words."""
    return ends_sentence(block) or words(block) >= 20


BREADCRUMB = re.compile(r"^[^>›»\n]{1,30}(?:\s[>›»]\s[^>›»\n]{1,30}){1,6}$")
# ... and one under its label, as Chinese sites print it: "您现在的位置：首页 -> 新闻 -> 正文", "当前位置：首页>>会议" (a path:
# its parts split by arrows or bars, or its home or its story named; "所在位置：中山路12号" is a place's address)
PLACE = re.compile(r"^[\W_]*(?:您(?:现在|当前|目前)?的?|当前|现在|目前|所在)(?:所在)?位置\s*[:：]\s*"
                   r"(?=[^\n]*(?:[>›»→|｜/＞》]|\s[-–—]\s|首页|主页|正文))\S[^\n]{0,100}$")


def is_cruft(block: str) -> bool:
    """A line of navigation, sharing, sign-up, advertising or a list heading: not the article."""
    if (BREADCRUMB.match(block) and words(block) <= 15) or (PLACE.match(block) and words(block) <= 30):
        return True  # "Home > News > Local"
    count = words(block)
    return (count <= 12 and bool(SECTION_CRUFT.match(block) or LINE_CRUFT.match(block))) or \
        (count <= 25 and bool(READ_ALSO.match(block) or PAGE_NOTE.match(block) or PROMO.match(block))) or \
        (count <= 40 and bool(COOKIE_NOTICE.search(block)))


_SHARE_WORDS = re.compile(r"(?i)\b(?:share|tweet|facebook|twitter|whatsapp|linkedin|reddit|pinterest|e-?mail|print|"
                          r"copy\s+link|bookmark|save|follow\s+(?:us|me|@)|teilen|partager|compartir|分享|シェア)")
_COMMENT_WORDS = re.compile(r"(?i)\bcomments?\b|\bbe\s+the\s+first\s+to\b|\bcomment(?:er|ar)\b|\bkommentier|\bcommenter\b|\bcomentar\b|评论")
_NOTICE_WORDS = re.compile(
    r"(?i)advert|sponsor|promoted|paid|anzeige|werbung|publicit|cookie|privacy|terms|subscri|abonn|suscr|newsletter|"
    r"sign\s+(?:up|in)|log\s*in|广告|広告|订阅")


def cruft_kind(block: str) -> str:
    """Which furniture an `is_cruft` line is, for the import's explanation."""
    if SECTION_CRUFT.match(block) or READ_ALSO.match(block):
        return "related list"
    if PAGE_NOTE.match(block) or PROMO.match(block) or _AD_LABEL.match(block) or _NOTICE_WORDS.search(block):
        return "notice"
    if _COMMENT_WORDS.search(block):
        return "comments"
    if _SHARE_WORDS.search(block):
        return "share bar"
    return "navigation"


def rights_outside_text(blocks: list[str]) -> set[int]:
    """The indexes of the copyright notices that stand outside the text: before its first sentence of prose
    (a masthead) or after its last (a footer). One between sentences of prose is left in the text."""
    notices = [index for index, block in enumerate(blocks) if is_rights_line(block)]
    if not notices:
        return set()
    prose = [index for index, block in enumerate(blocks) if index not in notices and _sentence(block)]
    if not prose:
        return set(notices)
    return {index for index in notices if index < prose[0] or index > prose[-1]}


def _sentence(block: str) -> bool:
    return bool(block) and words(block) >= 12 and ends_sentence(block) and not is_cruft(block) \
        and not caption(block, Found())


def caption(block: str, found: Found) -> bool:
    """True if the block is a photo caption ending in a credit; the first one becomes `found.image`."""
    if len(block) > 1500:
        return False
    for pattern in CREDIT_AT_END:
        match = pattern.search(block)
        if match:
            credit = match.group("credit").strip(" .,;")
            caption = block[: match.start()].strip(" -–—|/")
            if not credit or len(credit.split()) > 10:
                continue
            if found.image is None:
                found.image = Image(caption=caption or None, credit=credit)
            return True
    return False
