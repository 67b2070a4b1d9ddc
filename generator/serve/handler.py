"""Answers GET and HEAD with files from site/, adding the reload script to HTML."""

from __future__ import annotations

import contextlib
import mimetypes
import shutil
import socketserver
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator import __version__
from generator.serve import paths, reload
from generator.serve.state import BuildState

NOT_FOUND_PAGE = "404.html"
SWAP_WAIT = 30.0  # seconds a request for a missing file waits for a running build
IDLE_TIMEOUT = 5.0  # seconds a connection may stay silent (pages poll with short requests: none waits)
MAX_CONNECTIONS = 64  # answered at once, each by a thread; more are turned away with 503
# The names a browser on this machine uses for the preview. Any other name is a page
# elsewhere whose DNS was pointed at 127.0.0.1 (DNS rebinding): it must not read the archive.
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: 27\r\nRetry-After: 1\r\n\r\nToo many open connections.\n")

# Fixed here so a page reads the same on every machine (mimetypes reads /etc/mime.types).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open connection never keeps Ctrl-C waiting
    request_queue_size = 128  # a burst of connections is accepted (and answered or turned away), not stalled

    def __init__(self, port: int, site: Path, state: BuildState, *, idle_timeout: float = IDLE_TIMEOUT,
                 max_connections: int = MAX_CONNECTIONS):
        self.site = site
        self.state = state
        self.mount = "/"  # the base_url's path: the site is served under it (set after each build)
        self.idle_timeout = idle_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(("127.0.0.1", port), Handler)

    def process_request(self, request, client_address) -> None:
        """A thread per connection, up to the bound; beyond it a short 503 from this thread."""
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(BUSY)  # a few bytes into an empty socket buffer: never blocks
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exception(), ConnectionError):  # a tab closed mid-answer is no news
            super().handle_error(request, client_address)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's name, which can hang without a network.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = f"archive-serve/{__version__}"

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # the socket's: a silent client is dropped, its thread freed
        super().setup()

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # pages poll every few hundred milliseconds: a log line each would bury the build messages

    def _answer(self, send_body: bool) -> None:
        self._send_body = send_body
        if not self._local_host():
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, TYPES[".txt"],
                              b"archive serve answers only requests for localhost, 127.0.0.1 or [::1].\n")
        path = self.path.split("#", 1)[0]
        path, _, query = path.partition("?")
        if path == reload.VERSION_PATH:
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", self.server.state.version.encode())
        if path == reload.SCRIPT_PATH:
            return self._send(HTTPStatus.OK, TYPES[".js"], reload.SCRIPT)
        mount = self.server.mount
        if not path.startswith(mount):
            if path in ("/", mount[:-1]):  # the host's root, or the mount without its slash
                return self._redirect(mount + (f"?{query}" if query else ""))
            return self._not_found(self.server.state.version)
        self._answer_from_site(path[len(mount) - 1 :], query)

    def _answer_from_site(self, path: str, query: str, retry: bool = True) -> None:
        state = self.server.state
        version = state.version  # before reading the file: a build finishing meanwhile reloads the page
        target = paths.locate(self.server.site, path)
        if target is None and state.building:
            state.wait_until_idle(SWAP_WAIT)
            version = state.version
            target = paths.locate(self.server.site, path)
        if target is not None and target.redirect:
            return self._redirect(self.server.mount[:-1] + target.redirect + (f"?{query}" if query else ""))
        failure = state.failure
        if failure is not None and (target is None or target.file.suffix == ".html"):
            page = reload.failure_page(failure.title, failure.lines, version)
            status = HTTPStatus.NOT_FOUND if target is None else HTTPStatus.INTERNAL_SERVER_ERROR
            return self._send(status, TYPES[".html"], page)
        if target is None:
            return self._not_found(version)
        try:
            if target.file.suffix == ".html":
                page = reload.inject(target.file.read_bytes(), version)
                return self._send(HTTPStatus.OK, TYPES[".html"], page)
            self._send_file(target.file)
        except FileNotFoundError:
            # Found, then gone: a build is swapping the site folder. Ask again once it has.
            if not retry:
                return self._not_found(version)
            state.wait_until_idle(SWAP_WAIT)
            self._answer_from_site(path, query, retry=False)

    def _local_host(self) -> bool:
        """The Host header names this machine, with our port or none (a name without a port
        is still one no other site's DNS can answer for)."""
        name, colon, port = (self.headers.get("Host") or "").strip().lower().rpartition(":")
        if not colon or name.startswith("[") and not name.endswith("]"):  # no port ("[::1]" has colons)
            name, port = f"{name}{colon}{port}", str(self.server.server_port)
        return name in LOCAL_NAMES and port == str(self.server.server_port)

    def _not_found(self, version: str) -> None:
        try:
            page = (self.server.site / NOT_FOUND_PAGE).read_bytes()
        except OSError:  # no site built yet
            return self._send(HTTPStatus.NOT_FOUND, TYPES[".txt"], b"Not found\n")
        self._send(HTTPStatus.NOT_FOUND, TYPES[".html"], reload.inject(reload.root_base(page, self.server.mount), version))

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self._headers(status, content_type, len(body))
        if self._send_body:
            self.wfile.write(body)

    def _send_file(self, file: Path) -> None:
        with file.open("rb") as opened:  # an open file survives the site folder being swapped
            size = opened.seek(0, 2)
            opened.seek(0)
            self._headers(HTTPStatus.OK, _content_type(file), size)
            if self._send_body:
                shutil.copyfileobj(opened, self.wfile)

    def _headers(self, status: HTTPStatus, content_type: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")  # every reload shows the latest build
        self.end_headers()


def _content_type(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _ = mimetypes.guess_type(file.name)
    return guessed or "application/octet-stream"
