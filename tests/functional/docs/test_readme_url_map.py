"""Every path the README's URL map writes out answers on the demo shop as written."""

import re
from pathlib import Path

import pytest
from django.test import Client

README = Path(__file__).resolve().parents[3] / "README.md"
CODE = re.compile(r"`([^`]+)`")


def url_map_rows():
    text = README.read_text()
    table = text.split("## URL map", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `") or line.startswith("| `POST")]
    return [(row.split("|")[1], row.split("|")[2]) for row in rows]


def written_out_paths():
    """(method, path) of each path given in full: none with a placeholder (<number>, …)."""
    found = []
    for cell, what in url_map_rows():
        if "WebSocket" in what:
            continue  # answered by the ASGI server, to a handshake
        for code in CODE.findall(cell):
            method, _, path = code.rpartition(" ")
            if "<" in path or "…" in path:
                continue
            found.append((method or "GET", path))
    return found


def test_the_url_map_is_found_and_writes_out_paths():
    paths = written_out_paths()
    assert ("GET", "/catalogue/") in paths
    assert ("GET", "/api/cms/pages/") in paths
    assert ("POST", "/api/auth/token/") in paths
    assert len(paths) >= 20


@pytest.mark.parametrize(("method", "path"), written_out_paths())
def test_each_written_out_path_answers(demo_shop, method, path):
    client = Client()
    if method == "POST":
        answer = client.post(path, data={}, content_type="application/json")
        # A body it refuses (400, 401) is an answer; 404 or 405 means the map is wrong.
        assert answer.status_code not in (404, 405), (path, answer.status_code)
    else:
        answer = client.get(path)
        assert answer.status_code in (200, 301, 302), (path, answer.status_code)
