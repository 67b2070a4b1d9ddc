"""Chinese pages: the furniture a Chinese news page prints around its text leaves the body, with its kind.

The article is our own (a town opens a library); the furniture is in the shapes Chinese portals print: the source
and editor lines under the text, the site's copyright and disclaimer notices, its licence numbers, a comment count,
font-size and share controls, a source line beside the date over the text.
"""

from __future__ import annotations

import lxml.html
import pytest

from generator.ingest import furniture, html, pagetree, subheadings, text

HEADLINE = "小镇图书馆正式开放 居民可免费借阅"
PARAGRAPHS = [
    "本报讯 经过两年的建设，位于镇中心的新图书馆于本周一正式对外开放，馆内藏书超过三万册，居民凭身份证即可免费办理借书证。",
    "图书馆负责人介绍，新馆共有三层，一层为儿童阅读区，二层为报刊阅览室，三层设有自习室和电子阅览区，每天开放到晚上九点。",
    "开馆当天，不少家长带着孩子前来参观。一位退休教师说，以前借书要坐一个小时的公交车去市里，现在走路十分钟就能到。",
    "据了解，镇政府还计划在明年举办系列读书活动，邀请作家和学者走进图书馆，与居民分享阅读心得，让更多人爱上读书。",
]
ARTICLE = "\n\n".join(PARAGRAPHS)
REPLY = "一位读者留言说，这样的图书馆应该多建几个，周末带孩子去看书很方便。"


def _html(before: str = "", after: str = "") -> str:
    inner = "".join(f"<p>{p}</p>" for p in [*before.split("\n\n"), *PARAGRAPHS, *after.split("\n\n")] if p)
    return (f"<html lang='zh-CN'><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
            f"{inner}</article></body></html>")


def _check(record, furniture: list[str], kind: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body
    dropped = dict((line, why) for why, line in record.dropped)
    for line in furniture:
        assert line not in record.body
        assert dropped.get(line, "").startswith(kind), (line, dropped.get(line))


@pytest.mark.parametrize("lines", [
    ["来源：南方晨报", "编辑：王小明"],
    ["文章来源：某某新闻网"],
    ["【编辑:李四】 返回首页，查看更多"],
    ["某某网版权与免责声明：", "凡本网注明“来源：某某网”的作品，版权均属于本网，未经授权不得转载。"],
    ["未经本网书面授权，请勿转载或建立镜像", "违者依法追究相关法律责任"],
    ["某省互联网违法和不良信息举报电话：0000-12345678", "互联网新闻信息服务许可证编号：00000000000"],
    ["京ICP证000000号"],
])
def test_the_source_and_the_sites_notices_after_the_text_end_it(lines):
    after = "\n\n".join([*lines, REPLY])
    for record in (html.read(_html(after=after)), text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n{after}\n")):
        _check(record, lines[:1], "footer")
        for line in lines:
            assert line not in record.body
        assert REPLY not in record.body


def test_a_paragraph_that_names_a_source_or_an_editor_is_text():
    lines = ["编辑：这是他在采访中最常说的一个词，他说图书馆的书都是居民一本一本捐出来的，每一本都有故事。",
             "馆长说，新馆的图书来源主要有三个：政府采购、社会捐赠和与市图书馆的交换，今后每年还会增加五千册。"]
    page = "\n\n".join([*PARAGRAPHS, *lines, PARAGRAPHS[0]])
    record = text.read(f"{HEADLINE}\n\n{page}\n")
    for line in lines:
        assert line in record.body


def test_prose_on_what_is_forbidden_without_permission_or_on_exemption_clauses_is_text():
    lines = ["未经许可，任何人不得在新馆内吸烟或饮食，馆方将在入口处设置提示牌，并安排志愿者进行劝导。",
             "免责条款是借阅协议的一部分：读者如因个人原因损坏图书，需按原价赔偿，但自然磨损不在此列。"]
    page = "\n\n".join([*PARAGRAPHS[:2], *lines, *PARAGRAPHS[2:]])
    inner = "".join(f"<p>{p}</p>" for p in page.split("\n\n"))
    for record in (text.read(f"{HEADLINE}\n\n{page}\n"), html.read(_html().replace(
            "".join(f"<p>{p}</p>" for p in PARAGRAPHS), inner))):
        for line in [*lines, *PARAGRAPHS]:
            assert line in record.body


@pytest.mark.parametrize("line, kind", [
    ("网友评论 0 条", "comments"),
    ("评论（12）", "comments"),
    ("发表评论", "comments"),
    ("分享让更多人看到", "share bar"),
    ("字号：大 中 小", "navigation"),
    ("小字号", "navigation"),
    ("打印本页", "navigation"),
    ("关闭窗口", "navigation"),
    ("您现在的位置：首页 - 读书 - 连载 - 正文", "navigation"),
    ("当前位置：首页 » 本地新闻 » 正文", "navigation"),
])
def test_a_pages_controls_inside_the_text_are_left_out(line, kind):
    record = html.read(_html().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{line}</p><p>{PARAGRAPHS[1]}</p>"))
    _check(record, [line], kind)


def test_a_source_line_beside_the_date_over_the_text_is_the_articles_header():
    record = html.read(_html(before="来源：南方晨报 2021-11-25 16:26:07"))
    assert "南方晨报" not in record.body
    assert ("by-line or date line", "来源：南方晨报 2021-11-25 16:26:07") in record.dropped


@pytest.mark.parametrize("menu", [
    "<td>首页</td><td>新闻</td><td>体育</td><td>娱乐</td><td>财经</td><td>汽车</td><td>房产</td>",
    "<td></td><td>首页 - 新闻 - 体育 - 娱乐 - 财经 - 科技 - 汽车 - 房产</td>",
    "<td>首页 组织机构 工作动态 规划纲要 国际项目 理论文摘 为您服务</td>",
    "<td>Home | News | Sport | Business | Weather | Travel</td>",
])
def test_a_table_of_one_row_of_section_names_is_a_menu(menu):
    table = f"<table><tr>{menu}</tr></table>"
    page = _html().replace("<article>", f"<article>{table}").replace(f"<p>{PARAGRAPHS[2]}</p>", f"{table}<p>{PARAGRAPHS[2]}</p>")
    record = html.read(page)
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body
    assert "房产" not in record.body and "Weather" not in record.body and "国际项目" not in record.body
    assert any(why == "navigation" for why, _ in record.dropped)


def test_a_table_of_figures_is_kept():
    table = ("<table><tr><th>年份</th><th>藏书</th><th>读者</th><th>活动</th><th>开放日</th><th>馆员</th></tr>"
             "<tr><td>2020</td><td>21000</td><td>3400</td><td>12</td><td>300</td><td>8</td></tr></table>")
    record = html.read(_html().replace(f"<p>{PARAGRAPHS[2]}</p>", f"{table}<p>{PARAGRAPHS[2]}</p>"))
    assert "21000" in record.body and "开放日" in record.body


def test_a_table_of_a_label_beside_cells_of_headline_links_is_a_menu():
    links = "".join(f'<a href="https://news.example.cn/n/{i}.html">{name}</a> ' for i, name in enumerate(
        ["市区今年将新建三座城市公园", "城际高铁站预计下个月正式通车", "本地球队在省运会上夺得冠军", "春季大型招聘会周末在会展中心举行"]))
    table = f"<table><tr><td>今日推荐</td><td>{links}</td></tr></table>"
    record = html.read(_html().replace("<article>", f"<article>{table}"))
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body
    assert "高铁站" not in record.body and "今日推荐" not in record.body


@pytest.mark.parametrize("line", ["发表于 2004年12月27日 12:40 - (阅读:1024;评论:8)", "小镇日报 |发布: 2021-1-29 13:18|点击: 313|来自: 互联网"])
def test_a_posts_data_line_closes_the_post_under_the_text_and_the_text_goes_on_after_it_over_the_text(line):
    record = text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n{line}\n\n{REPLY[:12]}\n")
    assert ("by-line or date line", line) in record.dropped and REPLY[:12] not in record.body
    record = text.read(f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n\n{line}\n\n{PARAGRAPHS[2]}\n\n{PARAGRAPHS[3]}\n")
    _check(record, [line], "by-line or date line")


def test_a_forum_posts_signature_under_the_text_opens_the_replies():
    line = "〓 读书论坛 发布时间 2005/05/17 22:11:42 by 小镇读者 〓"
    reply = "〓 读书论坛 发布时间 2005/05/18 09:01:00 by 路过的人 〓"
    after = f"{line}\n\n{REPLY}\n\n{reply}\n\n支持一下。"
    for record in (html.read(_html(after=after)), text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n{after}\n")):
        _check(record, [line, reply], "comments")
        assert REPLY not in record.body and "支持一下" not in record.body


def test_a_headline_laid_out_in_a_table_and_the_date_row_under_it_leave_the_body():
    top = (f"<table><tr><td>{HEADLINE}</td></tr></table>"
           "<table><tr><td>2005-02-06 13:26更新 来源：南方晨报</td><td>发表评论</td><td></td></tr></table>")
    record = html.read(_html().replace("<article>", f"<article>{top}").replace(f"<h1>{HEADLINE}</h1>", ""))
    assert record.body.startswith(PARAGRAPHS[0])
    assert ("headline and kicker", HEADLINE) in record.dropped


# Old portals' markup that hides part of the text from the extractor.

def _old_page(inner: str) -> str:
    """A page laid out in a table, its text in the cell beside a menu (the shape of a 2000s portal)."""
    return (f"<html><head><title>{HEADLINE}</title></head><body><table><tr><td>首页 新闻 体育</td>"
            f"<td class='zw'>{inner}</td></tr></table></body></html>")


RUN = PARAGRAPHS[1] + PARAGRAPHS[2]  # a paragraph's rest (80 words as the importer counts them)


@pytest.mark.parametrize("rest", [
    f"<span><p>{PARAGRAPHS[3][:20]}</span><font>{RUN}</font>",  # a Word paste's stray end tag closed the paragraph
    f"<p>{PARAGRAPHS[3][:20]}<table><tr><td><iframe src='https://ads.example.cn/a'></iframe></td></tr></table>"
    f"<!-- 广告 -->{RUN}\ue004",
])
def test_the_rest_of_a_paragraph_left_loose_in_the_font_that_holds_the_text_is_a_paragraph(rest):
    """Old pages wrap their text in a `<font>`; a stray end tag, or an advertisement's table inside a paragraph,
    leaves the paragraph's rest loose in it, beside the `<p>`s (and the rest may end in a private-use character after
    its full stop): trafilatura left it out."""
    inner = (f"<font id='zoom'><p>{PARAGRAPHS[0]}</p>{rest}"
             f"<p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[0][::-1]}</p></font>")
    body = html.read(_old_page(inner)).body
    assert PARAGRAPHS[1] in body and PARAGRAPHS[2][:30] in body, body


def test_a_table_of_data_inside_the_layout_table_stays_a_table():
    """A notice printed in the layout's cell with its table of subjects under it: the layout table's cells become
    blocks, the table of data inside it stays a table (its rows had become blocks that trafilatura left out)."""
    rows = [("专业", "方向", "导师", "人数"), ("艺术学", "艺术学原理", "王小明", "3"), ("音乐学", "中国音乐史", "李大海", "2"),
            ("美术学", "中国画理论", "张小红", "4"), ("电影学", "当代电影", "陈大山", "2")]
    grid = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    menu = "<table><tr><td><a href='/a'>上一篇</a></td><td><a href='/b'>下一篇</a></td></tr></table>"
    record = html.read(_old_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<p>附：招生专业及考试科目</p>" + grid + menu))
    assert "| 艺术学 | 艺术学原理 | 王小明 | 3 |" in record.body
    assert "陈大山" in record.body and "下一篇" not in record.body


def test_an_empty_paragraph_in_the_last_run_between_double_breaks_is_no_block():
    """`…<br><br>十、其它：<br>1、…<br>附：… <p></p></td>`: an editor's empty `<p>` made the last run a box, and a run that
    does not end as a sentence ends is no paragraph in a box: trafilatura left it out of a portal's page."""
    last = f"十、其它：<br>1、{PARAGRAPHS[1]}<br>2、{PARAGRAPHS[2]}<br>附：招生专业及考试科目 <p></p>"
    tree = lxml.html.fromstring(_old_page("<br><br>".join([*PARAGRAPHS, last])))
    pagetree.prepare(tree)
    assert [p.text_content().strip()[:5] for p in tree.iter("p")] == [p[:5] for p in PARAGRAPHS] + ["十、其它："]
    body = html.read(_old_page("<br><br>".join([*PARAGRAPHS, last]))).body
    assert "十、其它：" in body and PARAGRAPHS[2] in body and "附：招生专业及考试科目" in body, body


def test_the_subheadings_between_the_paragraphs_of_a_text_the_extractor_gathered_one_by_one_are_kept():
    """A portal's text in boxes trafilatura knows no name for: it gathers the paragraphs one by one, and headings are
    not among what it gathers. A heading between two paragraphs the text holds one after the other goes back."""
    inner = (f"<img src='a.jpg'><p class='pgc-img-caption'></p><p>{PARAGRAPHS[0]}</p><h1 class='pgc-h'>新馆有哪些功能区？"
             f"</h1><img src='b.jpg'><p class='pgc-img-caption'></p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
             f"<h1>周末有什么活动：</h1><p>{PARAGRAPHS[3]}</p>")
    page = (f"<html><head><title>{HEADLINE}</title></head><body><div class='wp'><div class='d'><div><div><div>{inner}"
            "</div></div></div></div><div class='sd'><h1>今日新闻</h1><ul><li><a href='/1'>一则新闻</a></li></ul></div>"
            "</div></body></html>")
    record = html.read(page)
    assert record.body.strip().split("\n\n") == [PARAGRAPHS[0], "## 新馆有哪些功能区？", PARAGRAPHS[1], PARAGRAPHS[2],
                                         "## 周末有什么活动：", PARAGRAPHS[3]]
    assert "今日新闻" not in record.body
    assert any(why == "block choice" and "subheading" in line for why, line in record.dropped)


def test_a_subheading_goes_back_only_between_its_two_paragraphs_and_once():
    tree = lxml.html.fromstring(f"<div><p>{PARAGRAPHS[0]}</p><h2>小标题</h2><p>{PARAGRAPHS[1]}</p>"
                                f"<h3>另一个</h3>夹在中间的文字<p>{PARAGRAPHS[2]}</p></div>")
    found = subheadings.between_paragraphs(tree)
    assert [h.text for h in found] == ["小标题"]  # loose text under the other: it is not between two paragraphs
    assert subheadings.restore("\n\n".join(PARAGRAPHS), found)[0].split("\n\n")[:3] == [
        PARAGRAPHS[0], "## 小标题", PARAGRAPHS[1]]
    for body in (f"{PARAGRAPHS[0]}\n\n## 小标题\n\n{PARAGRAPHS[1]}",  # the text holds it already
                 f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[2]}\n\n{PARAGRAPHS[1]}"):  # its paragraphs are not together
        assert subheadings.restore(body, found) == (body, [])


@pytest.mark.parametrize("row", ["<td>京ICP证000000号</td>", "<td></td><td><a href='mailto:e@example.cn'>-- 给编辑写信</a></td>"])
def test_a_footer_line_laid_out_in_a_table_of_one_row_under_the_text_ends_it(row):
    footer = f"<table><tr>{row}</tr></table><p>{REPLY}</p>"
    record = html.read(_html().replace("</article>", f"{footer}</article>"))
    assert all(p in record.body for p in PARAGRAPHS)
    assert "给编辑写信" not in record.body and "ICP" not in record.body and REPLY not in record.body
    grid = f"<table><tr><td>京ICP证000000号</td></tr><tr><td>二〇二一年</td></tr></table><p>{REPLY}</p>"
    assert REPLY in html.read(_html().replace("</article>", f"{grid}</article>")).body  # two rows: data


def test_a_breadcrumb_laid_out_in_a_table_of_one_row_is_left_out_and_a_place_in_the_text_stays():
    crumb = ("<table><tr><td>您现在的位置：读书 -&gt; 连载 -&gt; 畅销小说 -&gt; 正文</td></tr></table>"
             "<table><tr><td><a href='http://example.cn/'>[人民文学出版社]</a></td></tr></table>")
    place = "位置：镇中心文化广场东侧，公交车站旁"
    record = html.read(_html(before=place).replace("<article>", f"<article>{crumb}"))
    assert "您现在的位置" not in record.body and place in record.body


def test_a_last_paragraph_that_ends_in_the_reporters_name_in_brackets_is_text():
    """Chinese papers end a story's last paragraph with its reporter, `……。（记者 王小明）`: a full-width bracket closes
    the sentence as `)` does; the paragraph is no headline of another story after the text."""
    last = PARAGRAPHS[3] + "（记者 王小明）"
    page = "\n\n".join([*PARAGRAPHS[:3], last, "责任编辑：李四"])
    for record in (text.read(f"{HEADLINE}\n\n{page}\n"), html.read(_html().replace(PARAGRAPHS[3], last))):
        assert last in record.body, record.dropped


@pytest.mark.parametrize(("line", "ends"), [
    ("……让更多人爱上读书。（记者 王小明）", True), ("……让更多人爱上读书。）", True), ("（完）", True), ("（新华社北京电）", True),
    ("（本报记者 王小明报道）", True), ("（王小明）", True),
    ("镇上新开一家书店（图）", False), ("（组图）", False), ("县图书馆举办古籍展览（2005年）", False),
    ("学科、专业名称（代码）", False), ("（电话：010-12345678）", False), ("新华社（记者 王小明）", False),
])
def test_a_full_width_bracket_closes_a_sentence_only_as_a_credit(line, ends):
    assert furniture.ends_sentence(line) is ends


@pytest.mark.parametrize("credit", ["（完）", "（新华社北京电）", "（王小明）"])
def test_a_credit_in_brackets_on_a_line_of_its_own_under_the_text_is_text(credit):
    record = text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n{credit}\n")
    assert record.body.rstrip().endswith(credit), record.dropped


def test_other_stories_headlines_ending_in_a_note_in_brackets_after_the_text_are_no_sentences():
    """Only a credit after the last stop closes a sentence with `）`: a headline's note (`（图）`, `（组图）`) or a list
    item's (`（2005年）`) does not, and a run of such lines under the text is a list of other stories."""
    others = ["镇上新开一家书店（图）", "暑期少儿读书班开始报名（组图）", "县图书馆举办古籍展览（2005年）"]
    record = text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n" + "\n\n".join(others) + "\n")
    assert record.body.rstrip().endswith(PARAGRAPHS[3]), record.body
    assert all(line not in record.body for line in others)


@pytest.mark.parametrize("line", ["所在位置：镇中心文化广场东侧，公交车站旁", "当前位置：北纬30度，东经120度，离港口还有两小时航程"])
def test_a_place_under_a_position_label_that_names_no_path_is_text(line):
    """`当前位置：` / `所在位置：` is a breadcrumb's label only before a path (its parts split by arrows or bars, or its
    home page named); before an address or a ship's position it is a line of the story."""
    middle = ARTICLE.replace(PARAGRAPHS[2], f"{line}\n\n{PARAGRAPHS[2]}")
    for record in (html.read(_html().replace(f"<p>{PARAGRAPHS[2]}", f"<p>{line}</p><p>{PARAGRAPHS[2]}")),
                   text.read(f"{HEADLINE}\n\n{middle}\n")):
        assert line in record.body, record.dropped
