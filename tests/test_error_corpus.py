"""A broken archive: one run names every problem as path:line, exits 1 and writes nothing."""

from tests.helpers import article, make_tree, site_files


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path, cli):
    root = make_tree(tmp_path / "arch", {"content/ok.md": article("title: Fine\npublished: 2020")})
    assert cli("build", "--root", root).code == 0
    before = site_files(root / "site")

    make_tree(root, {
        "archive.yaml": "title: T\nper_pag: 3\n",
        "content/2020/no-title.md": article("published: 2020"),
        "content/2020/bad-date.md": article("title: X\npublished: 2020-02-30"),
        "content/2020/bad-yaml.md": "---\ntitle: X\n  bad: indentation\n---\n",
        "content/2020/unknown.md": article("title: X\nauthor: Ana\nflags: [retraced]"),
        "content/2021/dup-a.md": article("title: A\nslug: same"),
        "content/2021/dup-b.md": article("title: B\nslug: same"),
        "content/2021/latin1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
        "content/2021/missing-image.md": article("title: I\nimage: {src: nowhere.jpg}"),
        "templates/article.html": "{% extends 'default:article.html' %}\n{% block main %}{% if %}{% endblock %}\n",
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    lines = ran.err.strip().splitlines()
    expected = [
        f"{root}/archive.yaml:2: unknown setting 'per_pag' (did you mean 'per_page'?)",
        f"{root}/content/2020/bad-date.md:3: 'published': '2020-02-30' is not a day of the calendar",
        f"{root}/content/2020/bad-yaml.md:3: invalid YAML",
        f"{root}/content/2020/no-title.md:2: missing 'title'",
        f"{root}/content/2020/unknown.md:3: unknown field 'author' (did you mean 'authors'?)",
        f"{root}/content/2020/unknown.md:4: unknown flag 'retraced' (did you mean 'retracted'?)",
        f"{root}/content/2021/dup-b.md:3: slug 'same' is already used by content/2021/dup-a.md",
        f"{root}/content/2021/latin1.md:2: is not valid UTF-8 text",
        f"{root}/content/2021/missing-image.md:3: image src 'nowhere.jpg' does not exist",
        f"{root}/templates/article.html:2: template error",
    ]
    for want in expected:
        assert any(line.startswith(want) for line in lines), f"{want!r} not in:\n{ran.err}"
    assert lines[-1] == f"archive: {len(expected)} problems found; nothing was written."
    assert site_files(root / "site") == before


def test_two_pages_at_one_output_path_are_refused(tmp_path, cli):
    # An article slugged "08" in 2020 would overwrite the August 2020 listing.
    root = make_tree(tmp_path, {
        "content/a.md": article("title: A\npublished: 2020-08-01"),
        "content/b.md": article("title: B\npublished: 2020-09-01\nslug: '08'"),
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert "content/b.md:4: two pages would be written to 2020/08/index.html" in ran.err
    assert not (root / "site").exists()


def test_an_image_outside_content_is_refused(tmp_path, cli):
    root = make_tree(tmp_path / "r", {
        "content/a.md": article("title: A\nimage:\n  src: ../../secret.txt"),
    })
    make_tree(tmp_path, {"secret.txt": "password"})
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert "content/a.md:3: image src '../../secret.txt' points outside content/" in ran.err


def test_a_template_that_uses_an_undefined_variable_names_its_line(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/a.md": article("title: A"),
        "templates/home.html": "{% extends 'default:home.html' %}\n{% block main %}\n{{ page.no_such_thing }}\n{% endblock %}\n",
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert "templates/home.html:3: template error" in ran.err
