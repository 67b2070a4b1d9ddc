"""Writes the evaluation set: eval/inputs/ (HTML pages and scraped text) and eval/gold/ (what a reader should get).

The article texts are in articles.py; the layouts below imitate different kinds of
news sites (wire-style article pages, CMS div soup with inline ads and read-more
links, a blog with comments, a magazine with pull quotes and a newsletter box, a
regional site with a cookie wall, a bare page, a JSON-LD @graph page, a portal with
a paywall teaser and long headline lists) and different shapes of scraped text.
Run: .venv/bin/python -m eval.make_set   (the files it writes are committed)
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from eval.articles import ARTICLES

HERE = Path(__file__).resolve().parent
SITES = {
    "en": ["The Harbour Times", "Northern Ledger", "Valley Post", "Daily Meridian"],
    "de": ["Rheinischer Kurier", "Allgemeine Tageszeitung"],
    "fr": ["Le Courrier du Sud"], "es": ["Diario del Litoral"], "zh": ["东方日报"], "ja": ["西日本ニュース"],
}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}
WORDS = {
    "en": dict(by="By", related="Related stories", read="Read more:", share="Share this article", ad="Advertisement",
               popular="Most read", newsletter="Get our morning newsletter", sub="Subscribe to continue reading",
               cookie="We use cookies to improve your experience. By continuing you accept our use of cookies.",
               comments="comments"),
    "de": dict(by="Von", related="Mehr zum Thema", read="Lesen Sie auch:", share="Artikel teilen", ad="Anzeige",
               popular="Meistgelesen", newsletter="Unser Newsletter am Morgen", sub="Jetzt abonnieren und weiterlesen",
               cookie="Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten. Mit der Nutzung stimmen Sie zu.",
               comments="Kommentare"),
    "fr": dict(by="Par", related="Sur le même sujet", read="Lire aussi :", share="Partager", ad="Publicité",
               popular="Les plus lus", newsletter="Recevez notre newsletter", sub="Abonnez-vous pour lire la suite",
               cookie="Nous utilisons des cookies pour améliorer votre expérience de navigation sur notre site.",
               comments="commentaires"),
    "es": dict(by="Por", related="Noticias relacionadas", read="Lee también:", share="Compartir", ad="Publicidad",
               popular="Lo más leído", newsletter="Recibe nuestro boletín", sub="Suscríbete para seguir leyendo",
               cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios y su experiencia.",
               comments="comentarios"),
    "zh": dict(by="记者", related="相关新闻", read="相关阅读：", share="分享", ad="广告", popular="热门文章",
               newsletter="订阅我们的新闻简报", sub="订阅后继续阅读", cookie="本网站使用Cookie以改善您的浏览体验。",
               comments="评论"),
    "ja": dict(by="記者", related="関連記事", read="あわせて読みたい：", share="シェア", ad="広告", popular="アクセスランキング",
               newsletter="ニュースレターを受け取る", sub="続きは会員登録で", cookie="当サイトではクッキーを使用しています。",
               comments="コメント"),
}
HEADLINES = {
    "en": ["Council approves new budget after a long night of debate", "Local team wins regional championship in overtime",
           "Weather service warns of more rain later this week", "Why house prices keep rising in the suburbs",
           "Schools prepare for a new term with fewer teachers"],
    "de": ["Haushalt nach langer Debatte beschlossen", "Heimische Mannschaft gewinnt das Derby",
           "Wetterdienst warnt vor Starkregen", "Warum die Mieten weiter steigen", "Schulen suchen dringend Lehrkräfte"],
    "fr": ["Le conseil adopte le budget après un long débat", "L'équipe locale remporte le derby",
           "Alerte aux orages pour la fin de semaine", "Pourquoi les loyers continuent de grimper", "Les écoles manquent d'enseignants"],
    "es": ["El pleno aprueba los presupuestos tras un largo debate", "El equipo local gana el derbi en la prórroga",
           "Aviso amarillo por tormentas este fin de semana", "Por qué siguen subiendo los alquileres", "Los colegios buscan profesores"],
    "zh": ["市议会通过新年度预算", "本地球队加时赛夺冠", "气象台发布暴雨预警", "房价为何持续上涨", "学校面临教师短缺"],
    "ja": ["市議会が新年度予算を可決", "地元チームが延長戦で優勝", "週末に大雨の恐れ", "住宅価格が上がり続ける理由", "教員不足に悩む学校"],
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def human_date(a: dict) -> str:
    d = dt.date.fromisoformat(a["date"])
    lang = a["lang"]
    if lang in ("zh", "ja"):
        return f"{d.year}年{d.month}月{d.day}日"
    if lang == "en":
        return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    if lang == "de":
        return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"


def body_html(a: dict, between=None) -> str:
    out, items = [], []
    for i, p in enumerate(a["paragraphs"]):
        if p.startswith("- "):
            items.append(f"<li>{esc(p[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if p.startswith("## "):
            out.append(f"<h2>{esc(p[3:])}</h2>")
        else:
            out.append(f"<p>{esc(p)}</p>")
        if between and i in between:
            out.append(between[i])
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)


def slug(a: dict) -> str:
    return f"https://news.example/{a['id']}-{len(a['title'])}"


def related(lang: str, n=5, tag="ul") -> str:
    return f"<{tag}>" + "".join(f'<li><a href="/story/{i}">{esc(h)}</a></li>' for i, h in enumerate(HEADLINES[lang][:n])) + f"</{tag}>"


def nav(n=12) -> str:
    sections = "Home World Politics Business Tech Science Health Sport Culture Opinion Travel Video".split()
    return "<nav><ul>" + "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in sections[:n]) + "</ul></nav>"


def byline(a: dict, w: dict) -> str:
    return f"{w['by']} " + " and ".join(a["authors"]) if a["authors"] else ""


def json_ld(a: dict, site: str, graph=False) -> str:
    article = {"@type": "NewsArticle", "headline": a["title"], "inLanguage": a["lang"],
               "publisher": {"@type": "Organization", "name": site}}
    if a["date"]:
        article["datePublished"] = a["date"] + "T08:15:00+00:00"
        article["dateModified"] = a["date"] + "T17:40:00+00:00"
    if a["authors"]:
        article["author"] = [{"@type": "Person", "name": n} for n in a["authors"]]
    if graph:
        data = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": site, "url": "https://news.example/"},
            {"@type": "WebPage", "url": slug(a), "name": a["title"] + " | " + site},
            article]}
    else:
        data = {"@context": "https://schema.org", **article}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def head(a, site, title, extra=""):
    return (f'<!DOCTYPE html>\n<html lang="{a["lang"]}"><head><meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js"></script>\n'
            f'<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"page":"article"}});</script>\n{extra}</head>\n')


# --- layouts ------------------------------------------------------------------------------


def wire(a, site, w):
    extra = (f'<meta property="og:title" content="{esc(a["title"])}">\n<meta property="og:site_name" content="{esc(site)}">\n'
             f'<meta property="og:url" content="{slug(a)}">\n<meta property="og:image" content="https://img.news.example/{a["id"]}.jpg">\n'
             + json_ld(a, site))
    date = f'<time datetime="{a["date"]}">{human_date(a)}</time>' if a["date"] else ""
    return head(a, site, f"{a['title']} | {site}", extra) + f"""<body>
<header class="masthead"><a class="logo" href="/">{esc(site)}</a>{nav()}</header>
<main><article class="story">
<h1>{esc(a['title'])}</h1>
<div class="meta"><p class="byline">{esc(byline(a, w))}</p>{date}</div>
<figure class="lead"><img src="https://img.news.example/{a['id']}.jpg" alt=""><figcaption>File photo. (Photo: Agency staff)</figcaption></figure>
{body_html(a)}
</article>
<aside class="related"><h2>{esc(w['related'])}</h2>{related(a['lang'])}</aside></main>
<footer><p>© {a['date'][:4] if a['date'] else '2024'} {esc(site)}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>"""


def divsoup(a, site, w):
    extra = f'<meta property="og:title" content="{esc(a["title"])}">\n<meta property="og:site_name" content="{esc(site)}">\n'
    heads = HEADLINES[a["lang"]]
    between = {1: f'<div class="ad-slot" data-ad="mpu"><span>{esc(w["ad"])}</span></div>',
               3: f'<p class="read-more"><strong>{esc(w["read"])}</strong> <a href="/story/9">{esc(heads[3])}</a></p>'}
    date = f'<span class="date">{human_date(a)}</span>' if a["date"] else ""
    return head(a, site, f"{a['title']} - {site}", extra) + f"""<body><div id="wrapper">
<div id="top">{nav(8)}<div class="search"><input type="text" placeholder="Search"></div></div>
<div id="content"><div class="col-main">
<div class="headline"><h1 class="title">{esc(a['title'])}</h1></div>
<div class="story-meta">{esc(byline(a, w))} {date}</div>
<ul class="share"><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul>
<div class="story-body">
{body_html(a, between)}
</div>
<div class="tags">Tags: <a href="/t/1">news</a>, <a href="/t/2">local</a></div>
</div>
<div class="col-side"><div class="widget"><h3>{esc(w['popular'])}</h3>{related(a['lang'], tag='ol')}</div>
<div class="ad-slot"><span>{esc(w['ad'])}</span></div></div></div>
<div id="footer">Copyright {esc(site)} | <a href="/contact">Contact</a> | <a href="/jobs">Jobs</a></div>
</div></body></html>"""


def blog(a, site, w):
    extra = f'<meta property="og:site_name" content="{esc(site)}">\n<meta property="og:type" content="article">\n'
    if a["date"]:
        extra += f'<meta property="article:published_time" content="{a["date"]}T06:00:00+00:00">\n'
    date = f'<time class="entry-date published" datetime="{a["date"]}T06:00:00+00:00">{human_date(a)}</time>' if a["date"] else ""
    author = f'<span class="author vcard"><a href="/author/x">{esc(", ".join(a["authors"]))}</a></span>' if a["authors"] else ""
    comments = "".join(
        f'<li class="comment"><div class="comment-author">Reader{i}</div><div class="comment-content"><p>{esc(c)}</p></div></li>'
        for i, c in enumerate([
            "I have been following this story for a while and I think the article leaves out a lot of the history behind it.",
            "Thanks for the reporting, this is exactly the kind of local news that nobody else covers any more.",
            "Does anyone know whether there will be a public meeting about this before the end of the month?"]))
    return head(a, site, f"{a['title']} – {site}", extra) + f"""<body class="single-post">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{esc(site)}</a></p>{nav(6)}</header>
<div id="content" class="site-content"><div id="primary"><main id="main">
<article id="post-1" class="post type-post">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta">{date} {author}</div></header>
<div class="entry-content">
{body_html(a)}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/news">News</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 {esc(w['comments'])}</h2><ol class="comment-list">{comments}</ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2>{related(a['lang'])}</section></aside>
</div><footer class="site-footer">Proudly powered by a blog engine</footer></div></body></html>"""


def magazine(a, site, w):
    extra = f'<meta itemprop="datePublished" content="{a["date"]}">\n' if a["date"] else ""
    quote = next((p for p in a["paragraphs"] if p[:1] in "\u201c„«"), None)
    between = {0: f'<figure class="inline"><img src="/img/{a["id"]}-2.jpg" alt=""><figcaption>A view of the scene. Photograph: Staff photographer</figcaption></figure>',
               2: f'<div class="newsletter-signup"><h3>{esc(w["newsletter"])}</h3><p>{esc(w["sub"])}.</p><form><input type="email"><button>OK</button></form></div>'}
    if quote:
        between[3] = f'<aside class="pullquote">{esc(quote[:60])}</aside>'
    by = f'<p class="article__byline">{esc(byline(a, w))}</p>' if a["authors"] else ""
    date = f'<p class="article__date">{human_date(a)}</p>' if a["date"] else ""
    return head(a, site, f"{a['title']} — {site}", extra) + f"""<body>
<div class="topbar"><span>{esc(site)}</span>{nav(10)}</div>
<div class="article" itemscope itemtype="https://schema.org/Article">
<div class="article__header"><p class="kicker">Feature</p><h1 class="article__title" itemprop="headline">{esc(a['title'])}</h1>{by}{date}</div>
<div class="article__body" itemprop="articleBody">
{body_html(a, between)}
</div></div>
<section class="more"><h2>{esc(w['related'])}</h2>{related(a['lang'], 4)}</section>
<footer>{esc(site)} · <a href="/about">About</a></footer></body></html>"""


def regional(a, site, w):
    extra = f'<meta name="date" content="{a["date"]}">\n' if a["date"] else ""
    extra += f'<meta property="og:title" content="{esc(a["title"])}">\n'
    box = f'<div class="related-box"><h3>{esc(w["related"])}</h3>{related(a["lang"], 3)}</div>'
    return head(a, site, f"{site}: {a['title']}", extra) + f"""<body>
<div id="cookie-consent" class="consent"><p>{esc(w['cookie'])}</p><button>OK</button></div>
<div class="breadcrumb"><a href="/">Start</a> › <a href="/lokales">Lokales</a></div>
{nav(9)}
<div class="content"><div class="article-text">
<h1>{esc(a['title'])}</h1>
{body_html(a, {2: box})}
</div>
<div class="share-buttons"><a>{esc(w['share'])}</a></div></div>
<div class="footer"><p>Impressum · Datenschutz · Kontakt</p></div></body></html>"""


def minimal(a, site, w):
    return f"""<html><head><title>{esc(a['title'])}</title></head>
<body><h1>{esc(a['title'])}</h1>
{body_html(a)}
<hr><p><a href="/">Back to {esc(site)}</a></p></body></html>"""


def graph(a, site, w):
    extra = json_ld(a, site, graph=True) + f'\n<meta name="author" content="{esc(", ".join(a["authors"]))}">\n'
    return head(a, site, f"{a['title']} - {site} - News", extra) + f"""<body>
<div class="app"><header>{nav()}</header>
<div class="page"><div class="article-container">
<div class="article-header"><h1 data-testid="headline">{esc(a['title'])}</h1></div>
<div class="article-content" data-component="text-block">
{body_html(a, {1: '<div class="video-player"><p>Video unavailable</p></div>'})}
</div></div>
<div class="recirculation"><h2>{esc(w['popular'])}</h2>{related(a['lang'])}</div></div>
<footer class="site-footer"><a href="/terms">Terms of Use</a></footer></div></body></html>"""


def portal(a, site, w):
    extra = f'<meta property="og:site_name" content="{esc(site)}">\n<meta property="og:title" content="{esc(a["title"])}">\n'
    date_micro = f'<meta itemprop="datePublished" content="{a["date"]}T09:00:00Z">' if a["date"] else ""
    long_heads = "".join(f'<li><a href="/s/{i}">{esc(h)}: {esc(HEADLINES[a["lang"]][(i + 1) % 5])}</a></li>' for i, h in enumerate(HEADLINES[a["lang"]]))
    by = f'<div class="author" itemprop="author">{esc(byline(a, w))}</div>' if a["authors"] else ""
    return head(a, site, f"{a['title']} | {site}", extra) + f"""<body>
<div class="header">{nav()}{nav()}</div>
<div class="trending"><b>Trending:</b> {related(a['lang'], 5)}</div>
<div class="main" itemscope itemtype="https://schema.org/NewsArticle">{date_micro}
<h1 itemprop="headline">{esc(a['title'])}</h1>{by}
<div itemprop="articleBody" class="body">
{body_html(a)}
</div>
<div class="paywall"><h3>{esc(w['sub'])}</h3><p>Already a subscriber? Log in.</p></div>
</div>
<div class="sidebar"><h3>{esc(w['popular'])}</h3><ol>{long_heads}</ol></div>
<div class="footer">{nav()}<p>© {esc(site)}</p></div></body></html>"""


def legacy(a, site, w):
    """An old table layout: <br><br> paragraphs, <font>, the site before the headline in <title>, a numeric date."""
    d = dt.date.fromisoformat(a["date"]) if a["date"] else None
    posted = f"<font size=1>Posted: {d.month:02d}/{d.day:02d}/{d.year} 10:22 AM</font><br>" if d else ""
    by = f"<b>{esc(byline(a, w))}</b><br>" if a["authors"] else ""
    text = []
    for p in a["paragraphs"]:
        if p.startswith("## "):
            text.append(f"<b>{esc(p[3:])}</b>")
        else:
            text.append(esc(p.removeprefix("- ")))
    return f"""<html><head><title>{esc(site)} - {esc(a['title'])}</title>
<script language="javascript">function popup(u){{window.open(u)}}</script></head>
<body bgcolor="#ffffff"><table width="100%"><tr><td colspan=2><img src="/images/logo.gif" alt="{esc(site)}"></td></tr>
<tr><td width="160" valign="top"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/sports">Sports</a><br><a href="/classifieds">Classifieds</a><br><a href="/obits">Obituaries</a></td>
<td valign="top"><font face="Arial" size=5><b>{esc(a['title'])}</b></font><br>{by}{posted}<br>
<font face="Arial" size=2>{'<br><br>'.join(text)}</font>
<br><br><a href="javascript:popup('/print')">Print this story</a> | <a href="/email">Email this story</a>
</td></tr><tr><td colspan=2><font size=1>Copyright {esc(site)}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</font></td></tr></table></body></html>"""


def inline(a, site, w):
    """A modern article with furniture inside the body: captions with credits, related links, an embedded post,
    an author bio at the end."""
    heads = HEADLINES[a["lang"]]
    between = {
        0: f'<figure class="wp-block-image"><img src="/img/{a["id"]}.jpg"><figcaption>The scene on the day. Credit: Jane Roe for {esc(site)}</figcaption></figure>',
        1: f'<p class="related-inline"><strong>{esc(w["related"])}</strong></p><ul class="related-inline"><li><a href="/x/1">{esc(heads[0])}</a></li><li><a href="/x/2">{esc(heads[1])}</a></li></ul>',
        3: '<blockquote class="twitter-tweet"><p>Huge crowds here this morning, never seen anything like it</p>&mdash; A Witness (@witness) <a href="https://social.example/x/1">June 1, 2021</a></blockquote>',
    }
    extra = (f'<meta property="og:title" content="{esc(a["title"])}">\n<meta property="og:site_name" content="{esc(site)}">\n'
             f'<meta property="og:description" content="{esc(a["paragraphs"][0][:120])}">\n')
    if a["date"]:
        extra += f'<meta property="article:published_time" content="{a["date"]}T11:00:00Z">\n'
    bio = (f'<div class="author-bio"><p>{esc(a["authors"][0])} is a reporter at {esc(site)}. Follow on social media.</p></div>'
           if a["authors"] else "")
    return head(a, site, f"{a['title']} | {site}", extra) + f"""<body><a class="skip" href="#main">Skip to content</a>
<header>{nav()}</header><main id="main"><article>
<header><p class="eyebrow">News</p><h1>{esc(a['title'])}</h1><p class="dek">{esc(a['paragraphs'][0][:90])}…</p>
<div class="byline">{esc(byline(a, w))}</div></header>
<div class="article-body">
{body_html(a, between)}
<p><em>This story has been updated with additional details.</em></p>
</div>
{bio}
</article></main>
<section class="newsletter"><h2>{esc(w['newsletter'])}</h2><form><input type="email"></form></section>
<footer><p>© {esc(site)}</p></footer></body></html>"""


LAYOUTS = [wire, divsoup, blog, magazine, regional, minimal, graph, portal, legacy, inline]


# --- scraped text --------------------------------------------------------------------------


def text_scrape(a, site, w, shape: int) -> str:
    lines = [a["title"], ""]
    paras = [p[3:] if p.startswith("## ") else p[2:] if p.startswith("- ") else p for p in a["paragraphs"]]
    first = paras[0]
    if shape == 0:  # the seed's shape: caption with credit, archive notice, agency dateline, copyright, nav
        lines += ["A photo from the scene released by local authorities on the day. (Photo credit should read JANE ROE/AFP/Getty Images)", "",
                  "This is an archived article and the information in the article may be outdated. Please look at the time stamp on the story to see when it was last updated.", ""]
        paras[0] = f"({site.split()[-1].upper()}) — " + first
        tail = [f"© {a['date'][:4] if a['date'] else '2020'} {site}. All rights reserved.", "", w["popular"].title() + " Stories", "", "Latest News", "", "More News"]
        date_line = None
    elif shape == 1:  # share bar, by-line with outlet, date line with time, related headlines
        lines += [w["share"], "Facebook | Twitter | Email", ""]
        if a["authors"]:
            lines += [f"{w['by']} {' and '.join(a['authors'])}, {site}", ""]
        date_line = f"Updated 3:01 PM ET, {human_date(a)}" if a["date"] else None
        tail = [w["related"], "", *HEADLINES[a["lang"]][:4]]
    elif shape == 2:  # published line, caption with slash credit, place dateline, newsletter and copyright
        date_line = f"Published {human_date(a)}" if a["date"] else None
        lines += ["Officials at the site on the morning of the announcement. John Smith/Reuters", ""]
        paras[0] = "SPRINGFIELD — " + first
        tail = [w["newsletter"], "", "Sign up", "", f"Copyright {a['date'][:4] if a['date'] else '2021'} {site}"]
    elif shape == 3:  # German-style: date • author, Mehr zum Thema, Anzeige between paragraphs
        date_line = (f"{human_date(a)} • {w['by']} {a['authors'][0]}" if a["authors"] else human_date(a)) if a["date"] else None
        paras.insert(2, w["ad"])
        tail = [w["related"], "", *HEADLINES[a["lang"]][:3], "", f"© {site}"]
    elif shape == 5:  # lines wrapped at 72 columns, captions and ad markers between paragraphs
        import textwrap
        date_line = f"Posted on {human_date(a)}" if a["date"] else None
        wrapped = []
        for i, p in enumerate(paras):
            wrapped.append("\n".join(textwrap.wrap(p, 72)) if len(p) > 72 else p)
            if i == 1:
                wrapped.append("Crowds gathered outside on Tuesday. Photo: Jane Roe")
            if i == 3:
                wrapped.append(w["ad"])
        paras = wrapped
        tail = ["Share this article", "", "Comments (12)", "", f"(c) {a['date'][:4] if a['date'] else '2019'} {site}"]
    elif shape == 6:  # breadcrumb, listen and read-time lines, by-line with two dates
        lines += ["Home > News > Local", "", "Listen to this article", "5 min read", ""]
        if a["date"] and a["authors"]:
            date_line = f"{w['by']} {a['authors'][0]} | Published {human_date(a)} | Updated {human_date(a)}"
        else:
            date_line = f"Published {human_date(a)}" if a["date"] else None
        tail = ["Read more:", "", *HEADLINES[a["lang"]][:2], "", "Follow us on Twitter"]
    else:  # a bare scrape: title, by-line, body, and a footer of links
        date_line = human_date(a) if a["date"] else None
        if a["authors"]:
            lines += [f"{w['by']} {', '.join(a['authors'])}", ""]
        tail = ["Advertisement", "", w["popular"], *HEADLINES[a["lang"]], "", "Privacy Policy", "Terms of Use"]
    if date_line:
        lines += [date_line, ""]
    for p in paras:
        lines += [p, ""]
    return "\n".join(lines + tail) + "\n"


def gold_body(a) -> str:
    return "\n\n".join(p[3:] if p.startswith("## ") else p[2:] if p.startswith("- ") else p for p in a["paragraphs"])


def main() -> None:
    inputs, gold = HERE / "inputs", HERE / "gold"
    for folder in (inputs, gold):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    count = 0
    for index, a in enumerate(ARTICLES):
        sites = SITES[a["lang"]]
        w = WORDS[a["lang"]]
        chosen = [LAYOUTS[index % 8], LAYOUTS[(index + 3) % 8], LAYOUTS[8 + index % 2]]
        for n, layout in enumerate(chosen):
            site = sites[(index + n) % len(sites)]
            name = f"{a['id']}-{layout.__name__}.html"
            (inputs / name).write_text(layout(a, site, w), encoding="utf-8")
            (gold / (name + ".json")).write_text(json.dumps({
                "input": f"inputs/{name}", "kind": "html", "title": a["title"],
                "published": None if layout is minimal else a["date"],
                "body": gold_body(a)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            count += 1
        if a["lang"] in ("en", "de", "es", "fr") and index < 13:
            shape = index % 7
            site = sites[index % len(sites)]
            name = f"{a['id']}-scrape{shape}.txt"
            (inputs / name).write_text(text_scrape(a, site, w, shape), encoding="utf-8")
            copyright_year = {0: a["date"][:4] if a["date"] else "2020", 2: a["date"][:4] if a["date"] else "2021",
                              5: a["date"][:4] if a["date"] else "2019"}
            date = a["date"] if (a["date"] and shape != 0) else copyright_year.get(shape)
            (gold / (name + ".json")).write_text(json.dumps({
                "input": f"inputs/{name}", "kind": "text", "title": a["title"], "published": date,
                "body": gold_body(a)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            count += 1
    print(f"wrote {count} inputs to {inputs.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
