"""GeoNames dumps: add one the user has, or download one (from a fake server)."""

from __future__ import annotations

import http.server
import io
import threading
import typing
import zipfile
from pathlib import Path

import pytest

from geoevents import DownloadError, Gazetteer, GeoNamesDumpError, InvalidInputError
from geoevents._cli import main
from geoevents._gazetteer.dumps import add_geonames, download_geonames, dump_files

SAMPLE = Path(__file__).parent / "fixtures" / "geonames_sample.txt"


def _zip_bytes(name: str = "UA") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme (test)\n")
        zf.writestr(f"{name}.txt", SAMPLE.read_text("utf-8"))
    return buf.getvalue()


def test_added_dump_places_become_searchable(small_world, monkeypatch):
    assert Gazetteer.load(progress=False).best("Tykha Balka") is None
    written = add_geonames(SAMPLE, progress=False)
    assert written in dump_files()
    monkeypatch.setattr(Gazetteer, "_default", None)
    gaz = Gazetteer.load(progress=False)
    village = gaz.best("Tikhaya Balka")
    assert (village.name, village.kind, village.admin1) == (
        "Tykha Balka",
        "city",
        "Donetska oblast",
    )
    assert village.geonameid == 990000001
    assert gaz.best("Тиха Балка").name == "Tykha Balka"
    assert gaz.best("Pivnichna Shakhta").kind == "facility"
    assert gaz.best("Richka Tykha").kind == "natural"
    assert gaz.info()["dumps"] == ["geonames_sample.txt.gz"]


def test_feature_classes_filter(small_world, monkeypatch):
    add_geonames(SAMPLE, feature_classes="P", progress=False)
    monkeypatch.setattr(Gazetteer, "_default", None)
    gaz = Gazetteer.load(progress=False)
    assert gaz.best("Stepove Selo") is not None
    assert gaz.best("Pivnichna Shakhta") is None
    with pytest.raises(InvalidInputError, match="feature_classes"):
        add_geonames(SAMPLE, feature_classes="XYZ", progress=False)


def test_zip_archive(small_world, tmp_path, monkeypatch):
    path = tmp_path / "UA.zip"
    path.write_bytes(_zip_bytes())
    add_geonames(path, progress=False)
    monkeypatch.setattr(Gazetteer, "_default", None)
    assert Gazetteer.load(progress=False).best("Stepove Selo").country_code == "UA"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("1\tonly three\tfields\n", "3 tab-separated fields"),
        ("abc" + "\tx" * 18 + "\n", "geonameid 'abc'"),
        ("1\tA\tA\t\tnorth\t30\tP\tPPL\tUA" + "\t" * 10 + "\n", "are not numbers"),
        ("1\tA\tA\t\t95\t30\tP\tPPL\tUA" + "\t" * 10 + "\n", "out of range"),
        ("", "empty file"),
    ],
)
def test_malformed_dumps_are_reported_with_line(small_world, tmp_path, content, message):
    path = tmp_path / "XX.txt"
    path.write_text(content, "utf-8")
    with pytest.raises(GeoNamesDumpError, match=message):
        add_geonames(path, progress=False)


def test_not_a_zip_and_missing_file(small_world, tmp_path):
    bad = tmp_path / "UA.zip"
    bad.write_bytes(b"PK but not really")
    with pytest.raises(GeoNamesDumpError, match="not a zip"):
        add_geonames(bad, progress=False)
    with pytest.raises(InvalidInputError, match="no such file"):
        add_geonames(tmp_path / "nope.txt", progress=False)


class _FakeGeoNames(http.server.BaseHTTPRequestHandler):
    payload = b""
    requests: typing.ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        if self.path == "/dump/UA.zip":
            body, status, ctype = self.payload, 200, "application/zip"
        elif self.path == "/dump/RU.zip":
            body, status, ctype = b"<html>maintenance</html>", 200, "text/html"
        else:
            body, status, ctype = b"not found", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_geonames():
    _FakeGeoNames.payload = _zip_bytes()
    _FakeGeoNames.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeGeoNames)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/dump"
    server.shutdown()
    server.server_close()


def test_download_from_a_fake_server(small_world, fake_geonames, monkeypatch):
    path = download_geonames("UA", base_url=fake_geonames, progress=False)
    assert path.name == "UA.zip" and zipfile.is_zipfile(path)
    assert _FakeGeoNames.requests == ["/dump/UA.zip"]
    add_geonames(path, progress=False)
    monkeypatch.setattr(Gazetteer, "_default", None)
    assert Gazetteer.load(progress=False).best("Tykha Balka") is not None


def test_download_errors_are_clear(small_world, fake_geonames):
    with pytest.raises(DownloadError, match="HTTP 404"):
        download_geonames("FR", base_url=fake_geonames, progress=False)
    with pytest.raises(DownloadError, match="did not return a zip"):
        download_geonames("RU", base_url=fake_geonames, progress=False)
    with pytest.raises(InvalidInputError, match="not a GeoNames dump name"):
        download_geonames("../etc/passwd", base_url=fake_geonames)
    with pytest.raises(InvalidInputError, match="http"):
        download_geonames("UA", base_url="file:///etc")


def test_download_with_nothing_listening_fails_cleanly(small_world):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match="cannot download"):
        download_geonames("UA", base_url=f"http://127.0.0.1:{port}", timeout=5, progress=False)


def test_cli_add_geonames_download(small_world, fake_geonames, capsys, monkeypatch):
    code = main(["gazetteer", "add-geonames", "--download", "UA", "--base-url", fake_geonames])
    assert code == 0, capsys.readouterr().err
    assert "added UA.txt.gz" in capsys.readouterr().out
    monkeypatch.setattr(Gazetteer, "_default", None)
    assert Gazetteer.load(progress=False).best("Stepove Selo") is not None


def test_cli_add_geonames_needs_exactly_one_source(small_world, capsys):
    assert main(["gazetteer", "add-geonames"]) == 2
    assert "PATH or --download" in capsys.readouterr().err
    assert main(["gazetteer", "add-geonames", str(SAMPLE), "--download", "UA"]) == 2
