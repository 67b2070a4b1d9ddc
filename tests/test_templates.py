"""Templates: overrides shadow built-ins, can extend them, and see exactly their context."""

import jinja2

from generator import build
from generator.render import contexts
from tests.helpers import article, make_tree

PROBE = """{{ page.__class__.__name__ }}|{{ site.__class__.__name__ }}|{{ page.path }}
"""


def test_an_override_shadows_the_builtin_and_can_extend_it(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/a.md": article("title: A\npublished: 2020"),
        "templates/base.html": "{% extends 'default:base.html' %}{% block footer %}OUR FOOTER {{ super() }}{% endblock %}",
    })
    assert cli("build", "--root", root).code == 0
    page = (root / "site/2020/a/index.html").read_text()
    assert "OUR FOOTER" in page and "Article ages are reckoned" in page


def test_each_page_kind_gets_its_own_context_dataclass(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/a.md": article("title: A\npublished: 2020\ntags: [t]"),
        **{f"templates/{name}": PROBE for name in
           ("article.html", "listing.html", "home.html", "section.html", "404.html")},
    })
    assert cli("build", "--root", root).code == 0
    site = root / "site"
    expected = {
        "2020/a/index.html": contexts.ArticlePage,
        "2020/index.html": contexts.ListingPage,
        "tags/t/index.html": contexts.ListingPage,
        "index.html": contexts.HomePage,
        "tags/index.html": contexts.SectionPage,
        "404.html": contexts.NotFoundPage,
    }
    for path, kind in expected.items():
        assert (site / path).read_text() == f"{kind.__name__}|SiteInfo|{path}\n"


def test_templates_autoescape_and_refuse_undefined_names(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/a.md": article("title: '<b>bold</b> & {{ 7*7 }}'"),
        "templates/article.html": "{{ page.article.title }}",
    })
    assert cli("build", "--root", root).code == 0
    assert (root / "site/undated/a/index.html").read_text() == "&lt;b&gt;bold&lt;/b&gt; &amp; {{ 7*7 }}"


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path, monkeypatch):
    compiled = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    root = make_tree(tmp_path, {
        "content/a.md": article("title: A\npublished: 2020"),
        "templates/listing.html": "{% extends 'default:listing.html' %}{% block title %}LISTED{% endblock %}",
    })
    build.build(build.Options(root=root))
    assert "article.html" in compiled and "listing.html" in compiled
    compiled.clear()
    (root / "content/a.md").write_text(article("title: B\npublished: 2020"))
    build.build(build.Options(root=root))
    assert compiled == []  # every page rendered again, no template compiled again
    (root / "templates/listing.html").write_text("{% extends 'default:listing.html' %}{% block title %}NEW{% endblock %}")
    build.build(build.Options(root=root))
    assert compiled == ["listing.html"]
    assert "NEW" in (root / "site/2020/index.html").read_text()
    compiled.clear()
    build.build(build.Options(root=root, cache=False))
    assert "article.html" in compiled and "listing.html" in compiled
