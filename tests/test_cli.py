"""The `archive` command as a newcomer meets it."""

import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from tests.helpers import article, make_tree


def test_version_and_help(cli):
    assert cli("--version").out.strip() == f"article-archive {__version__}"
    top = cli("--help")
    assert top.code == 0 and "build" in top.out and "init" in top.out
    build = cli("build", "--help")
    assert build.code == 0
    for option in ("--root", "--output", "--base-url", "--pretty-urls", "--quiet"):
        assert option in build.out


def test_import_help_says_what_gives_a_capture_time(cli):
    # docs/versions.md: a WARC record's date, else --captured; a file's modification time never.
    text = " ".join(cli("import", "--help").out.split())
    assert "a file's time is none" in text and "else the file's time" not in text
    assert "except a WARC record's, which has its own date" in text


def test_wrong_usage_exits_2(tmp_path, cli):
    assert cli().code == 2
    assert cli("build", "--no-such-option").code == 2
    missing = cli("build", "--root", tmp_path / "nowhere")
    assert missing.code == 2 and "no such folder" in missing.err
    (tmp_path / "content").mkdir()
    bad_url = cli("build", "--root", tmp_path, "--base-url", "example.org")
    assert bad_url.code == 2 and "is not an http(s) URL" in bad_url.err


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_folder_without_content_is_not_an_archive_and_nothing_is_written(tmp_path, cli, command):
    # A user in the wrong folder: not an empty site and "Built 0 articles".
    make_tree(tmp_path, {"notes.txt": "not an archive"})
    ran = cli(command, "--root", tmp_path)
    assert ran.code == 2
    assert f"no content/ folder in {tmp_path} (use --root, or `archive init`)" in ran.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_python_dash_m_generator_works_and_prints_no_progress_into_a_pipe(tmp_path):
    root = make_tree(tmp_path, {"content/a.md": article("title: A")})
    ran = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root)],
        capture_output=True, text=True, check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""
    assert ran.stdout.startswith("Built 1 article,") and ran.stdout.count("\n") == 1


def test_the_installed_command_reports_into_a_pipe_and_exits_with_the_build_s_code(tmp_path):
    # `archive` leaves by os._exit (cli.run): what it printed must still arrive, and the code be the build's.
    command = Path(sys.executable).parent / "archive"
    root = make_tree(tmp_path, {"content/a.md": article("title: A")})
    built = subprocess.run([command, "build", "--root", root], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 1 article,") and built.stdout.count("\n") == 1
    make_tree(root, {"content/b.md": article("title: B\npublished: 2021-13-45")})
    broken = subprocess.run([command, "build", "--root", root], capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "content/b.md:3: 'published': '2021-13-45' has no month 13" in broken.stderr
    assert broken.stdout == ""
    usage = subprocess.run([command, "build", "--no-such-option"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr


def test_init_makes_an_archive_that_builds(tmp_path, cli):
    target = tmp_path / "city-news"
    made = cli("init", target)
    assert made.code == 0
    assert (target / "archive.yaml").is_file()
    assert list((target / "content").rglob("*.md"))
    built = cli("build", "--root", target)
    assert built.code == 0, built.err
    assert "Welcome to your archive" in (target / "site/index.html").read_text()
    again = cli("init", target)
    assert again.code == 2 and "not empty" in again.err


def test_base_url_and_pretty_urls_on_the_command_line_override_archive_yaml(tmp_path, cli):
    root = make_tree(tmp_path, {
        "archive.yaml": "title: T\nbase_url: https://old.example/\n",
        "content/a.md": article("title: A\npublished: 2020"),
    })
    cli("build", "--root", root, "--base-url", "https://new.example/x/", "--pretty-urls")
    page = (root / "site/2020/a/index.html").read_text()
    assert '<link rel="canonical" href="https://new.example/x/2020/a/">' in page
