"""A real HTTP server on 127.0.0.1 that plays the registry API and Nominatim, badly when asked to."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from conftest import CTGOV_STUDY


class FakeServices(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"  # ok | slow | fail | malformed | truncated | trickle | huge | redirect
        self.requests: list[str] = []
        self.studies = {"NCT07010263": json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))}
        self.places = {  # Nominatim answers, by lower-cased query
            "atlantis springs": {"lat": "40.7128", "lon": "-74.0060", "display_name": "Atlantis Springs, NY, USA",
                                 "address": {"town": "Atlantis Springs", "state": "New York",
                                             "country": "United States"}},
        }

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that left early (the tests' timeouts and size caps do that on purpose) is no error."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> "FakeServices":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: FakeServices

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self.server.requests.append(self.path)
        mode = self.server.mode
        if mode == "slow":
            time.sleep(3)
        if mode == "fail":
            return self._send(503, b"Service Unavailable", "text/plain")
        if mode == "malformed":
            return self._send(200, b'{"protocolSection": [not json', "application/json")
        if mode == "truncated":  # promises more than it sends, then hangs up
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"protocolSection": {')
            return
        if mode == "trickle":  # one byte every half second, for ever (until the client leaves)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return
        if mode == "huge":  # an endless body
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                block = b" " * 65536
                for _ in range(100_000):
                    self.wfile.write(block)
            except OSError:
                pass
            return
        if mode == "redirect":  # to another host, with the query
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.2:9" + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        url = urlsplit(self.path)
        if url.path == "/api/v2/studies":  # a search by ids, in pages (as the API v2 pages them)
            return self._search(parse_qs(url.query))
        if url.path.startswith("/api/v2/studies/"):
            study = self.server.studies.get(url.path.rsplit("/", 1)[1])
            if study is None:
                return self._send(404, b'{"message": "not found"}', "application/json")
            return self._send(200, json.dumps(study).encode(), "application/json")
        if url.path == "/search":
            query = parse_qs(url.query).get("q", [""])[0].casefold()
            hits = [self.server.places[query]] if query in self.server.places else []
            return self._send(200, json.dumps(hits).encode(), "application/json")
        self._send(404, b"no such path", "text/plain")

    def _search(self, query: dict[str, list[str]]) -> None:
        ids = [nct for nct in query.get("filter.ids", [""])[0].split(",") if nct]
        size = int(query.get("pageSize", ["10"])[0])
        start = int(query.get("pageToken", ["0"])[0])
        found = [self.server.studies[nct] for nct in ids if nct in self.server.studies]
        page = {"studies": found[start:start + size], "totalCount": len(found)}
        if start + size < len(found):
            page["nextPageToken"] = str(start + size)
        self._send(200, json.dumps(page).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
