"""`archive serve`: a local preview that rebuilds on edits, never serves outside site/, survives broken articles."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from generator.build import Options
from generator.serve import paths
from generator.serve.preview import Preview
from tests.helpers import ARTICLE, article, edit, make_tree

WAIT = 20.0  # seconds: generous for a loaded CI machine; polls end as soon as the change shows


def get(preview: Preview, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    """A request with `path` sent exactly as given (http.client does not normalise it)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def page_with(preview: Preview, path: str, text: str) -> str:
    """The page at `path` once it contains `text` (after a rebuild)."""
    def served() -> str | None:
        page = get(preview, path)[2]
        return page if text in page else None
    return wait_for(served, f"{text!r} in {path}")


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def archive(tmp_path) -> Path:
    return make_tree(tmp_path / "news", {
        "archive.yaml": "title: Newsroom\n",
        ARTICLE: article("title: First title\npublished: 2020-05-01\ntags: [war]", "The original body.\n"),
        "content/2021/b.md": article("title: Second\npublished: 2021"),
    })


@pytest.fixture
def serving(archive):
    builds = []
    with Preview(Options(root=archive), port=0, on_build=builds.append) as preview:
        preview.builds = builds
        yield preview


def next_build(preview: Preview, after: int, accept=lambda outcome: True):
    """The first build after the `after`-th that `accept`s (an editor's save may make two)."""
    return wait_for(lambda: next((b for b in preview.builds[after:] if accept(b)), None), "a rebuild")


def test_an_edited_article_is_served_after_the_rebuild(serving, archive):
    status, _, page = get(serving, "/2020/a/")
    assert status == 200 and "The original body." in page
    builds = len(serving.builds)
    edit(archive, ARTICLE, article("title: First title\npublished: 2020-05-01", "An edited body.\n"))
    page = page_with(serving, "/2020/a/index.html", "An edited body.")
    assert "The original body." not in page
    rebuilt = next_build(serving, builds, lambda b: ARTICLE in b.changed)
    assert rebuilt.result is not None and rebuilt.result.articles == 2


def test_config_templates_and_static_are_watched_and_the_built_site_is_not(serving, archive):
    edit(archive, "archive.yaml", "title: Renamed newsroom\n")
    page_with(serving, "/", "Renamed newsroom")
    edit(archive, "templates/404.html", '{% extends "default:404.html" %}{% block main %}Gone away{% endblock %}')
    page_with(serving, "/nowhere", "Gone away")  # templates/ did not exist when the server started
    edit(archive, "static/extra.css", "p { color: teal }")
    page_with(serving, "/static/extra.css", "teal")
    (archive / "site" / "touched.txt").write_text("a change here must not start a build", encoding="utf-8")
    edit(archive, ARTICLE, article("title: Last edit\npublished: 2020"))
    page_with(serving, "/2020/a/", "Last edit")
    changed = [path for build in serving.builds for path in build.changed]
    assert "archive.yaml" in changed
    assert [path for path in changed if not path.startswith(("archive.yaml", "content", "templates", "static"))] == []


TRAVERSALS = [
    "/../etc/passwd",
    "/../../../../../../etc/passwd",
    "/%2e%2e/etc/passwd",
    "/%2E%2E/%2e%2e/etc/passwd",
    "/..%2fetc%2fpasswd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/../../secret.txt",
    "/static/%2e%2e/%2e%2e/secret.txt",
    "/..\\secret.txt",
    "/%2e%2e%5csecret.txt",
    "/../secret.txt",
    "/index.html%00.txt",
    "/%ff%fe/../secret.txt",
    "//etc/passwd",
    "/leak/passwd",
    "/leak-file",
]


def test_nothing_outside_the_site_folder_is_served(serving, archive):
    (archive / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    os.symlink("/etc", archive / "site" / "leak")  # links out of site/ are not followed
    os.symlink(archive / "secret.txt", archive / "site" / "leak-file")
    for path in TRAVERSALS:
        status, _, body = get(serving, path)
        assert status == 404, path
        assert "TOP SECRET" not in body and "root:" not in body, path


def test_locate_refuses_every_spelling_of_a_way_out(tmp_path):
    site = make_tree(tmp_path / "site", {"index.html": "home", "2020/index.html": "year", "a b.css": "x"})
    (tmp_path / "secret.txt").write_text("secret")
    assert paths.locate(site, "/").file == site / "index.html"
    assert paths.locate(site, "/2020/").file == site / "2020/index.html"
    assert paths.locate(site, "/2020").redirect == "/2020/"
    assert paths.locate(site, "/a%20b.css").file == site / "a b.css"
    for bad in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2Fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
                "/index.html%00", "/%c0%ae%c0%ae/secret.txt", "/nowhere.html"]:
        assert paths.locate(site, bad) is None, bad
    assert paths.locate(tmp_path / "no-site-yet", "/") is None


def test_folders_redirect_to_their_slash_and_only_get_and_head_are_answered(serving):
    status, headers, _ = get(serving, "/2020?x=1")
    assert status == 301 and headers["Location"] == "/2020/?x=1"
    status, headers, body = get(serving, "/2020/a/index.html", method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0
    assert get(serving, "/static/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    assert get(serving, "/2020/a/", method="POST")[0] == 501
    assert get(serving, "/2020/a/", method="DELETE")[0] == 501


def test_a_base_url_with_a_path_is_served_under_it_as_a_host_would(archive):
    edit(archive, "archive.yaml", "title: Newsroom\nbase_url: https://example.org/archív/\n")
    with Preview(Options(root=archive), port=0) as preview:
        mount = "/arch%C3%ADv/"
        assert preview.url == f"http://127.0.0.1:{preview.port}{mount}"
        for root in ("/", mount[:-1]):
            status, headers, _ = get(preview, root)
            assert status == 301 and headers["Location"] == mount
        status, _, home = get(preview, mount)
        assert status == 200 and "Newsroom" in home
        status, headers, _ = get(preview, mount + "2020?x=1")
        assert status == 301 and headers["Location"] == mount + "2020/?x=1"
        # The 404 page's links are rooted at the base_url's path: every one of them is served.
        status, _, missing = get(preview, mount + "no/such/page/")
        assert status == 404
        links = {quote(unquote(link))  # as a browser sends them
                 for link in re.findall(r'(?:href|src)="(/[^"#?]*)', missing) if not link.startswith("/__")}
        assert links and all(link.startswith(mount) for link in links)
        for link in links:
            assert get(preview, link)[0] == 200, link
        assert get(preview, "/2020/a/")[0] == 404  # outside the mount
        for path in TRAVERSALS:
            assert get(preview, mount + path.lstrip("/"))[0] == 404, path


def test_the_reload_script_is_in_served_pages_and_never_in_site_files(serving, archive):
    for path in ("/", "/2020/a/", "/tags/war/index.html"):
        status, _, page = get(serving, path)
        assert status == 200
        assert page.rstrip().endswith(f'<script src="/__archive__/reload.js" data-version="{serving.version}"></script>\n</body>\n</html>'.rstrip())
    status, _, missing = get(serving, "/2020/no-such-article/")
    assert status == 404 and "Page not found" in missing
    assert "/__archive__/reload.js" in missing and '<base href="/">' in missing  # its links work at any depth
    assert get(serving, "/__archive__/reload.js")[0] == 200
    assert get(serving, "/__archive__/version")[2] == serving.version
    on_disk = [p for p in (archive / "site").rglob("*") if p.is_file() and b"__archive__" in p.read_bytes()]
    assert on_disk == []
    assert get(serving, "/static/style.css")[2] == (archive / "site/static/style.css").read_text()  # not HTML: untouched


def test_a_broken_article_shows_in_the_page_until_it_is_fixed(serving, archive):
    builds = len(serving.builds)
    edit(archive, ARTICLE, article("title: First title\npublished: 2020-05-01\nflags: ['<b>retraced</b>']"))
    problems = next_build(serving, builds, lambda b: b.problems).problems
    assert [str(p) for p in problems] == [
        f"{ARTICLE}:4: unknown flag '<b>retraced</b>' (did you mean 'retracted'?)"
    ]
    for path, expected in [("/", 500), ("/2021/b/", 500), ("/2020/a/", 500), ("/no-such-page", 404)]:
        status, _, page = get(serving, path)
        assert status == expected, path
        assert f"{ARTICLE}:" in page and "unknown flag" in page
        assert "&lt;b&gt;retraced&lt;/b&gt;" in page and "<b>retraced" not in page  # escaped
        assert "/__archive__/reload.js" in page  # so the page reloads itself once it is fixed
    assert get(serving, "/static/style.css")[0] == 200  # the last good site still serves its files
    assert get(serving, "/../etc/passwd")[0] == 404
    assert "The original body." in (archive / "site/2020/a/index.html").read_text()
    builds = len(serving.builds)
    edit(archive, ARTICLE, article("title: First title\npublished: 2020-05-01", "Fixed body.\n"))
    next_build(serving, builds, lambda b: b.result)
    status, _, page = get(serving, "/2020/a/")
    assert status == 200 and "Fixed body." in page and "unknown flag" not in page


def test_a_request_while_a_build_swaps_the_site_folder_waits_for_it(serving, archive, monkeypatch):
    real_build = serving.builder.build
    swapping, release = threading.Event(), threading.Event()

    def slow_swap(*args, **kwargs):
        (archive / "site").rename(archive / "site-away")  # the moment between the writer's two renames
        swapping.set()
        release.wait(WAIT)
        (archive / "site-away").rename(archive / "site")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(serving.builder, "build", slow_swap)
    edit(archive, ARTICLE, article("title: Swapped\npublished: 2020"))
    assert swapping.wait(WAIT)
    answers = []
    asking = threading.Thread(target=lambda: answers.append(get(serving, "/2020/a/")))
    asking.start()
    time.sleep(0.3)  # long enough for the request to arrive while the folder is away
    release.set()
    asking.join(WAIT)
    status, _, page = answers[0]
    assert status == 200 and "Swapped" in page


def test_an_unexpected_error_in_a_build_is_shown_and_the_server_keeps_running(archive, monkeypatch):
    from generator import build

    def broken(*args, **kwargs):
        raise RuntimeError("the disk <is> on fire")

    monkeypatch.setattr(build, "build", broken)  # before the preview starts: its build processes inherit it
    builds = []
    with Preview(Options(root=archive), port=0, on_build=builds.append) as preview:
        preview.builds = builds
        assert builds[0].error and "on fire" in builds[0].error
        status, _, page = get(preview, "/")  # no site was ever built: not found, and why
        assert status == 404 and "RuntimeError: the disk &lt;is&gt; on fire" in page
        edit(archive, ARTICLE, article("title: Anything\npublished: 2020"))
        failed = next_build(preview, 1)
        assert failed.error and "on fire" in failed.error
        assert get(preview, "/")[0] == 404


def test_each_build_runs_in_a_process_of_its_own_with_one_thread(archive, monkeypatch, tmp_path):
    """A build forks its workers: forked from a process where the server's and the watchers'
    threads run, a worker can deadlock on a lock one of them held."""
    from generator import build

    real_build, seen = build.build, tmp_path / "seen.txt"

    def recording(*args, **kwargs):
        with open(seen, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {threading.active_count()}\n")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(build, "build", recording)
    builds = []
    with Preview(Options(root=archive), port=0, on_build=builds.append) as preview:
        preview.builds = builds
        edit(archive, ARTICLE, article("title: Again\npublished: 2020"))
        next_build(preview, 1, lambda outcome: outcome.result)
    runs = [line.split() for line in seen.read_text().splitlines()]
    assert len(runs) >= 2  # the first build and the edit's (a save may make two)
    assert all(threads == "1" for _, threads in runs)
    pids = {int(pid) for pid, _ in runs}
    assert os.getpid() not in pids and len(pids) == len(runs)  # a new process each


def test_a_build_process_that_dies_is_shown_and_the_next_edit_builds_again(archive, monkeypatch):
    from generator import build

    real_build = build.build

    def dying(options, *args, **kwargs):
        if "DIE" in (options.root / ARTICLE).read_text():
            os.kill(os.getpid(), signal.SIGKILL)
        return real_build(options, *args, **kwargs)

    monkeypatch.setattr(build, "build", dying)
    builds = []
    with Preview(Options(root=archive), port=0, on_build=builds.append) as preview:
        preview.builds = builds
        edit(archive, ARTICLE, article("title: DIE\npublished: 2020"))
        failed = next_build(preview, 1)
        assert failed.error and "killed by SIGKILL" in failed.error
        assert get(preview, "/2020/a/")[0] == 500
        edit(archive, ARTICLE, article("title: Alive\npublished: 2020"))
        next_build(preview, 2, lambda outcome: outcome.result)
        assert "Alive" in get(preview, "/2020/a/")[2]


def _ignoring_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# Started as usual, and by a parent that ignores Ctrl-C (a script's background job; Dask's
# LocalCluster leaves its process so): a process inherits that, and Python then installs no handler.
@pytest.mark.parametrize("inherited", [None, _ignoring_ctrl_c], ids=["usual", "ignored-by-parent"])
def test_archive_serve_from_the_command_line_stops_cleanly_on_ctrl_c(archive, inherited):
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(archive), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=inherited,
    )
    try:
        built = server.stdout.readline()
        serving = server.stdout.readline()
        assert built.startswith("Built 2 articles,"), built
        assert serving.startswith("Serving ") and "http://127.0.0.1:" in serving and "Ctrl-C" in serving
        url = serving.split(" at ", 1)[1].split()[0]
        host, port = url.removeprefix("http://").strip("/").split(":")
        assert host == "127.0.0.1"
        connection = http.client.HTTPConnection(host, int(port), timeout=WAIT)
        connection.request("GET", "/2020/a/")
        assert "The original body." in connection.getresponse().read().decode()
        connection.close()
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=WAIT)
    finally:
        server.kill()
    assert server.returncode == 0, err
    assert out.strip().endswith("Stopped.") and "Traceback" not in err


def test_serve_usage_errors_exit_2(tmp_path, cli, archive):
    assert cli("serve", "--root", tmp_path / "nowhere", "--port", "0").code == 2
    bad = cli("serve", "--port", "http")
    assert bad.code == 2 and "not a port number" in bad.err
    assert cli("serve", "--port", "70000").code == 2
    assert "serve" in cli("--help").out
    help_text = cli("serve", "--help").out
    assert "--root" in help_text and "--port" in help_text
    make_tree(archive, {"site/mine.txt": "someone's file"})  # an output folder that is not ours
    refused = cli("serve", "--root", archive, "--port", "0")
    assert refused.code == 2 and "refusing to replace" in refused.err
    assert (archive / "site/mine.txt").is_file()


def test_a_port_in_use_is_a_usage_error(serving, cli, archive):
    taken = cli("serve", "--root", archive, "--port", serving.port)
    assert taken.code == 2 and f"cannot serve on 127.0.0.1:{serving.port}" in taken.err


def raw(preview: Preview, request: bytes) -> bytes:
    """Send `request` as is; what the server answers before it closes the connection."""
    with socket.create_connection(("127.0.0.1", preview.port), timeout=WAIT) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def test_only_requests_for_this_machine_are_answered(serving):
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 must not read the preview."""
    port = serving.port
    for host in ("evil.example", f"evil.example:{port}", "localhost.evil.example", f"127.0.0.1:{port + 1}",
                 f"127.0.0.2:{port}", ""):
        answer = raw(serving, f"GET /2020/a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.0 421 ") and b"original body" not in answer, (host, answer[:80])
    assert raw(serving, b"GET /2020/a/ HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 421 ")  # no Host at all
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost", "[::1]", "LocalHost"):
        answer = raw(serving, f"GET /2020/a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.0 200 ") and b"The original body." in answer, (host, answer[:80])


@pytest.fixture
def limited(archive):
    with Preview(Options(root=archive), port=0, idle_timeout=0.5, max_connections=4) as preview:
        yield preview


def test_an_idle_connection_is_closed_after_the_timeout(limited):
    with socket.create_connection(("127.0.0.1", limited.port), timeout=WAIT) as connection:
        connection.sendall(b"GET /2020/a/ HTTP/1.1\r\n")  # and then nothing more
        assert connection.recv(100) == b""  # closed by the server (a client timeout would raise)
    status, _, page = get(limited, "/2020/a/")
    assert status == 200 and "The original body." in page


def test_idle_connections_do_not_each_hold_a_thread(limited):
    threads = threading.active_count()
    connections = [socket.create_connection(("127.0.0.1", limited.port), timeout=WAIT) for _ in range(40)]
    try:
        get(limited, "/2020/a/")  # (refused or not) once it is answered, all 40 were accepted before it
        assert threading.active_count() <= threads + 4  # the bound, not 40
        answers = [connection.recv(100) for connection in connections]  # each answered or closed: none hangs
        busy = [answer for answer in answers if answer.startswith(b"HTTP/1.0 503 ")]
        assert busy and len(busy) + answers.count(b"") == 40  # turned away, or closed once idle too long
    finally:
        for connection in connections:
            connection.close()


def test_a_build_whose_worker_dies_is_shown_and_the_last_good_site_stays(tmp_path, monkeypatch):
    from generator.render import markdown
    from tests.helpers import site_files

    files = {"archive.yaml": "title: Newsroom\n"}
    files.update({f"content/2020/a{i:03}.md": article(f"title: Story {i}\npublished: 2020") for i in range(100)})
    root = make_tree(tmp_path / "news", files)
    render = markdown.render

    def crashing(md, text):  # the build's workers are forked: they inherit this
        if "CRASH" in text:
            os.kill(os.getpid(), signal.SIGKILL)  # as a segmentation fault in native code would end it
        return render(md, text)

    monkeypatch.setattr(markdown, "render", crashing)
    builds = []
    with Preview(Options(root=root, jobs=2), port=0, on_build=builds.append) as preview:
        preview.builds = builds
        before = site_files(root / "site")
        edit(root, "content/2020/a042.md", article("title: Story 42\npublished: 2020", "CRASH\n"))
        failed = next_build(preview, 1)
        assert failed.result is None and "a worker process was killed by SIGKILL in the read stage" in str(
            failed.problems[0])
        status, _, page = get(preview, "/2020/a042/")
        assert status == 500 and "a worker process was killed" in page
        assert site_files(root / "site") == before  # the last good site, whole
        edit(root, "content/2020/a042.md", article("title: Story 42\npublished: 2020", "Mended.\n"))
        next_build(preview, 2, lambda outcome: outcome.result)
        status, _, page = get(preview, "/2020/a042/")
        assert status == 200 and "Mended." in page
