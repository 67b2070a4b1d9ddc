"""Where a scraped article ends: the lines that open what follows it on the page.

A copied page runs on past the article: a comment section, lists of other
stories, tags, a print-edition note, the footer. Each opens with a line of a
recognisable shape; once the article's text has begun, such a line ends it.
Every rule is a general pattern, never one outlet's exact strings. A Chinese page ends its text with the
source and editor lines (来源：, 编辑：), then the site's copyright and disclaimer notices (版权声明, 免责声明,
未经授权不得转载) and its licence numbers (ICP证, 违法和不良信息举报); a notice forbids copying the page (转载,
摘编, 镜像), a news story may say what is forbidden without permission (未经许可不得进入) and stays text. ("Response" alone is no comment
section: it heads a section of a text about HTTP; "1 Response", "Responses" are.) A forum or guestbook signs each
post under it (`〓 <board> 发布时间 2005/05/17 22:11:42 by <name> 〓`): under the article's text the replies follow.
"""

from __future__ import annotations

import re

from generator.ingest.furniture import SECTION_CRUFT, Found, caption, words

# (A thread's title after "to", "on", "zu", "sur" is quoted to the line's end, or ends as no sentence does:
# "Kommentare zu der Entscheidung waren zahlreich." and "Reactions to 'the speech' were swift." are paragraphs.)
COMMENTS = re.compile(r"""(?ix)^[\W_]*(?:
  (?:\d[\d,.]*\s+(?:of\s+\d[\d,.]*\s+)?|(?:one|two|three|reader|readers'?|user)\s+)?(?:comments?|responses|(?<=\s)response|replies|reactions|réactions|kommentare?|commentaires?|comentarios?|commenti)
    (?:\s+(?:loaded|so\s+far|(?:to|on|zu|sur)\s+(?:[“"'‘„«].{1,120}[”"'’»“]|(?!.*\w[.!]$).{1,120})|\(\d+\)|\d+))?(?:\s*[+:»›]|\s+(?:twitter|facebook|read\s+them|and\s+trackbacks).*)?
| (?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+thoughts?\s+(?:on|about)\s+[“"'‘„«].{1,120}[”"'’»“]
| (?:leave|post|add|write|submit|view|show|read|see|load|hide)\s+(?:a\s+|your\s+|all\s+|the\s+)?(?:\d+\s+)?(?:comments?|reply|response)\b.{0,60}
| (?:join|start)\s+the\s+(?:discussion|conversation|debate)\b.{0,40} | discuss(?:ion)?(?:\s+comments)?\s*:? | jump\s+to\s+comments
| comments?\s+(?:are|is)\s+(?:closed|disabled)\b.{0,40} | please\s+enable\s+javascript\s+to\s+view\s+the\s+comments\b.*
| your\s+email\s+address\s+will\s+not\s+be\s+published.{0,80} | (?:what\s+do\s+you\s+think|have\s+your\s+say)\s*\??
| you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment.{0,20} | comments?\s+(?:filter|policy|powered\s+by\b.*)\s*:?
| \{\s*\d+\s+(?:comments?|trackbacks?)\b.{0,60}\} | there\s+are\s+no\s+comments(?:\s+yet)?
| schreiben\s+sie\s+einen\s+kommentar | schreibe\s+einen\s+kommentar | kommentar\s+(?:schreiben|verfassen)
| du\s+musst\s+angemeldet\s+sein,?\s+um\s+(?:einen\s+)?kommentar.{0,30} | vos\s+r[ée]actions(?:\s*\(\d+\))? | laisser\s+un\s+commentaire
| (?:deja|escribe)\s+(?:un|tu)\s+comentario | lascia\s+un\s+commento | we\s+want\s+to\s+hear\s+what\s+you\s+think\b.{0,60}
| .{0,30}(?:发布|发表)(?:时间|于)\s*[:：]?\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:by|作者\s*[:：]?)\s*\S.{0,30}
| 发表评论.{0,20} | 网友评论.{0,20} | 我来说两句.{0,20} | 评论\s*[（(]?\d*[)）]?\s*[:：]? | 查看评论.{0,10} | コメント.{0,10}
)[\W_]*$""")

RELATED = re.compile(r"""(?ix)^[\W_]*(?:
  (?:more|also|latest|other|top|related|recent|popular|similar)\s+(?:from|on|in|at|about)\s+\S.{0,40}
| (?:top|latest|recent|related|more|popular|other|similar)\s+(?:headlines|stories|articles|posts|news|videos|reads|entries|links|coverage)\b.{0,40}
| (?:top|latest|recent|related|more|popular|other|similar)\s+post(?:\s*:.{0,40})?  # a label: "post-election", "post offices" are words
| also\s+related\s+to\s+this\s+(?:story|article) | more\s+on\s+this\s+(?:story|topic) | (?:you|we)\s+(?:may|might)\s+also\s+(?:like|enjoy)\b.{0,30}
| you\s+may\s+like\s+to\s+read | what\s+to\s+read\s+next | what's\s+(?:popular|hot|trending)\b.{0,20} | around\s+the\s+web | from\s+(?:around\s+)?the\s+web
| (?:recommended|suggested|featured)\s+(?:for\s+you|stories|articles|reading|videos?|links)\b.{0,20} | promoted\s+(?:stories|content|links)
| (?:by\s+)?taboola.{0,30} | (?:by\s+)?outbrain.{0,30} | sponsored\s+(?:stories|links|content|headlines) | in\s+case\s+you\s+missed\s+it
| das\s+könnte\s+(?:sie|dich)\s+(?:auch\s+)?interessieren | lesen\s+sie\s+auch\s+(?:die\s+folgenden|diese)\b.{0,40} | zum\s+weiterlesen
| verwandte\s+(?:artikel|beiträge|themen) | mehr\s+(?:themen|artikel|beiträge|nachrichten)\b.{0,40}
| articles?\s+(?:correspondants|similaires|liés) | (?:tous\s+)?nos\s+derni(?:ers|ères)\s+(?:articles|podcasts|vidéos|actualités)
| discover\s+our\s+latest\b.{0,40} | temas\s+del\s+d[ií]a\s*:? | weitere\s+inhalte\s+zu\b.{0,40}
| (?:相关|推荐|热点|热门|最新|更多|延伸)(?:新闻|阅读|文章|报道|链接|内容|专题|连接)\s*[:：]? | 今日新闻 | 关于我们
)[\W_]*$""")

# What labels a post's list of tags: "Tags:", "Filed under:", "Schlagwörter:", "标签：" (the line closes the article,
# is no headline, and after a by-line or a date over the text is the post's data)
TAG_LABELS = (r"(?:tags?|topics?|tópicos|temas|filed\s+(?:under|in)|categories|category|posted\s+in|labels?|keywords?"
              r"|schlagw[öo]rte[rn]?|themen|étiquettes|etiquetas|mots-clés|标签|关键词)")

# Lines that close an article: tags and topics, a print-edition note, a blog post's signature, pagination.
CLOSING = re.compile(r"""(?ix)^[\W_]*(?:
  """ + TAG_LABELS + r"""\s*[:：].{0,200}
| (?:tags?|topics?|filed\s+under|categories|labels)
| explore\s+related\s+topics\b.{0,200}
| a\s+version\s+of\s+this\s+(?:article|story|review)\s+(?:appeared|appears)\b.{0,200}
| (?:this\s+)?(?:article|story)\s+(?:first\s+)?appeared\s+(?:in|on)\s+(?:print|the\s+print|page)\b.{0,200}
| (?:posted|written|published)\s+by\s+.{1,80}?\s+(?:at|on|\|)\s+.{0,60}(?:\|\s*)?(?:permalink|comments?|trackback).{0,40}
| (?:subscribe\s+to|inscription\s+à|abonnieren|suscribirse\s+a)\s*:\s*(?:post\s+comments|posts|publier\s+les\s+commentaires|articles|kommentare\s+zum\s+post|entradas|enviar\s+comentarios)\b.{0,20}
| (?:(?:[^–|·•]{1,40}[–|·•]\s*){2,8})?(?:proudly\s+)?powered\s+by\s+[\w.\- ]{1,30}
| (?=.{0,200}$)(?=(?:.*?\b(?:impressum|datenschutz(?:erklärung)?|privacy\s+policy|terms\s+of\s+(?:use|service)|mentions\s+légales|aviso\s+legal|cookie\s+policy|contact\s+us|sitemap)\b){2}).*[–|·•].*
| (?:all\s+)?(?:content|text|this\s+(?:work|blog|site))\s+(?:is\s+)?licensed\s+under\s+(?:a\s+|the\s+)?creative\s+commons\b.{0,150}
| permalink | trackback(?:\s+url\b.*)? | .{0,80}\|\s*permalink\b.{0,60} | post\s+navigation
| listed\s+below\s+are\s+links\s+to\s+weblogs\s+that\s+reference\b.{0,200} | this\s+entry\s+was\s+posted\s+in\b.{0,200}
| related\s+(?:topics|items|tags|searches)\s*:?.{0,200} | .{0,80}\|\s*tags\s*:.{0,200} | [▼►]\s*(?:19|20)\d{2}\s*\(\d+\)
| [‹←]\s*\S.{0,100} | (?:\d+\s+)?(?:[|\s]*\d+){1,12}\s*(?:next|nächste|suivant|siguiente|下一页)\b.{0,10}
| «\s*(?:previous|vorige|précédent|anterior)\b.{0,80} | (?:previous|next)\s+(?:post|story|article|page|entry)\b.{0,100}
| (?:上一篇|下一篇|上一页|下一页|返回(?:首页|目录|顶部)?|关闭窗口|打印本[文页稿]|【打印】|责任编辑).{0,40}
| (?:文章|新闻|稿件|信息|本文)?来源\s*[:：]\s*\S.{0,40} | (?:责任)?编辑\s*[:：]\s*\S.{0,20} | 给(?:编辑|我们)写信 | 【(?:责任)?编辑\s*[:：].{0,20}】.{0,20}
| .{0,20}(?:版权|著作权|传输内容)(?:与|和|及)?(?:免责)?声明\s*[:：]?.{0,10} | 免责声明\s*(?:[:：].{0,200})?
| 未经.{0,40}(?:授权|许可|同意).{0,40}(?:不得|请勿|禁止|严禁).{0,10}(?:转载|转帖|摘编|复制|镜像|刊登|刊载|下载).{0,80} | .{0,30}(?:违法和不良信息举报|新闻信息服务许可证|ICP\s*[证备]).{0,100}
)[\W_]*$""")


SHARE = re.compile(r"""(?ix)^[\W_]*(?:
  share(?:\s+(?:this|the|on|via)\b.{0,40})?\s*:? | tweet | (?:print|e-?mail|save)\s+(?:this\s+)?(?:story|article|page|post)?
| (?:(?:facebook|twitter|e-?mail|print|whatsapp|linkedin|reddit|pinterest|digg|delicious|stumbleupon|tumblr|google\+?|share|tweet|like)[\s|/·•,.!]*){2,}
| like\s+it\.?\s+tweet\s+it.{0,20} | liked\s+this\s+(?:post|article|story)\s*\? | (?:do|did)\s+you\s+(?:like|enjoy)\s+this\s+(?:post|article|story)\s*\?
| (?:(?:tweet|share|like|e-?mail|print|\d+\s+(?:comments?|recs?|likes?|shares?)|(?:add|post|leave)\s+(?:a\s+)?comment)(?:\s*\\?[|·•])?\s*){3,}
| click\s+[“"']?like[”"']?\s+to\s+(?:get|receive|see|follow)\b.{0,80}\bfacebook
| (?:follow\s+@?\w+\s+on\s+twitter|like\s+us\s+on\s+facebook)\b.{0,20} | (?:increase|decrease)\s+text\s+size | text\s+size | click\s+to\s+(?:share|email|print)\b.{0,60}
| continue\s+reading\s+(?:the\s+)?(?:main\s+)?(?:article|story)\s+with\b.{0,40} | show\s+full\s+.{1,20}\s+text
| (?:news\s+|jetzt\s+|artikel\s+)?teilen | like\s+it\?\s+share\s+it | (?:folgen\s+sie\s+uns|suivez-nous|síguenos)\b.{0,40}
| tópicos\s+relacionados | tagged\s+(?:with|as)\s*:.{0,200} | 分享到.{0,10}
)[\W_]*$""")

# Invitations and advertising after the article: a newsletter box, a sponsors' block.
NOTICE = re.compile(r"""(?ix)^[\W_]*(?:
  (?:recevoir|get|receive|sign\s+up\s+for|subscribe\s+to)\s+(?:la|the|our)\s+(?:\w+\s+)?newsletter.{0,40}
| support\s+our\s+sponsors\s*:? | advertising\s+disclosure
| this\s+(?:post|article|page)\s+(?:contains|may\s+contain)\s+(?:affiliate\s+links|references\s+to\s+products)\b.{0,200}
| (?:.{0,60}/\s*)?bei\s+den\s+verlinkungen\s+handelt\s+es\s+sich\s+um\s+affiliate.{0,200}
| (?:the\s+)?(?:views|opinions)\s+expressed\s+(?:in|on|here|by)\b.{0,150}\b(?:authors?|writers?|own|necessarily|contributors?)\b.{0,80}
| les\s+opinions\s+exprimées\b.{0,150}\bauteurs?\b.{0,40}
| (?=.{0,250}$)(?=.*\b(?:e-?mail|newsletter|inbox|correo|boîte\s+mail)\b)(?=.*(?:\b(?:your?|votre|vous|te|dich|ihre?)\b|sign\s+me\s+up|sign\s+up\W*$))
    .*\b(?:sign\s+(?:me\s+)?up|subscribe|enter\s+your\s+e-?mail|suscr[ií]bete|abonnez-vous|inscrivez-vous|anmelden|abonnieren)\b.* | (?:sponsored|promoted)\s+links?
| this\s+(?:story|page)\s+contains\s+(?:a\s+piece\s+of\s+)?media\s+that\s+requires\b.{0,120}
)[\W_]*$""")


# A post's data line: when it was posted and how often read or commented ("发表于 2004年12月27日 12:40 - (阅读:3727;
# 评论:63)"). Under the text it closes the post; over it (a page puts it there too) the text resumes after it.
POST_DATA = re.compile(
    r"^.{0,20}(?:发表|发布)(?:于|时间|日期)?\s*[:：]?\s*\d.{0,40}?(?:阅读|点击|浏览|评论|回复)(?:数|量)?\s*[:：(（]?\s*\d+.{0,60}$")


def ending(block: str) -> str | None:
    """The kind of page furniture a line opens ('comments', 'related list', 'footer', 'share bar', 'notice',
    'by-line or date line'), or None."""
    if len(block) > 400:
        return None
    if POST_DATA.match(block):
        return "by-line or date line"
    if COMMENTS.match(block):
        return "comments"
    if RELATED.match(block):
        return "related list"
    if CLOSING.match(block):
        return "footer"
    if SHARE.match(block):
        return "share bar"
    if NOTICE.match(block):
        return "notice"
    return None


# A share bar between paragraphs (after the lead, in the middle of a long story) is no end: the story goes on
# under it when two paragraphs of prose follow, each of this many words and ending as a sentence ends.
GOES_ON_WORDS = 15
_BUTTON_WORDS = 5  # the bar's other lines ("Facebook", "Like this:", "Loading...") are passed over: this short
_BAR_LINES = 8  # ... and this many at most (a photo's caption with its credit among them)
# A sentence's end, or a quotation's: not "… [+old clips]", "…:", "… (Photo: AP)" (a teaser, a label, a credit)
_SENTENCE_END = re.compile(r"(?:[.!?…。！？][\"”’»)\]']*|[\"”»’])$")
# A comment's signature ("Jane says:", "Jane wrote:"): under the bar is a thread, whatever prose follows. (A
# thread's heading, "5 thoughts on “<headline>”", is an ending of its own: COMMENTS.)
_THREAD = re.compile(r"(?i)\b(?:says|said|wrote|sagt|schreibt|dit|dice|escribió|scrive)\s*:\s*$")


def story_goes_on(lines: list[str | None], index: int) -> bool:
    """After the share bar at lines[index]: the article's prose goes on, not a comment thread, a list of stories
    or a footer. Past the bar's short lines (its buttons) and captions, the next two lines must be paragraphs of
    prose; any other ending, a list's heading ("Most popular"), a commenter's signature, a thread's heading or a
    block that is no paragraph (None: a list, a table) ends the text there first. (A line printed twice is a
    teaser's, not the story's.)"""
    run, passed, last = 0, 0, None
    for line in map(lines.__getitem__, range(index + 1, len(lines))):  # (no copy of the rest: a bar per paragraph)
        if line is None:
            return False
        if not line.strip():
            continue
        kind = ending(line)
        if kind not in (None, "share bar") or SECTION_CRUFT.match(line) or _THREAD.search(line):
            return False
        if kind is None and line != last and _SENTENCE_END.search(line) and words(line) >= GOES_ON_WORDS:
            run, last = run + 1, line
            if run == 2:
                return True
            continue
        if run or passed == _BAR_LINES or (kind is None and words(line) > _BUTTON_WORDS and not caption(line, Found())):
            return False
        passed += 1
    return False
