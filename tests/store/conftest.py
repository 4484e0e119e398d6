"""The stores the store's tests run on: an embedded DuckDB file, and PostgreSQL when one runs.

`make test` starts a private PostgreSQL with PostGIS on the loopback interface
(tools/postgres) and names it in .postgres-url; GEOEVENTS_TEST_POSTGRES names another.
Without either, the PostgreSQL cases skip and say why.
"""

from __future__ import annotations

import functools
import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@functools.lru_cache(maxsize=1)
def postgres_url() -> str | None:
    """The test server's URL: GEOEVENTS_TEST_POSTGRES, else the one tools/postgres wrote,
    when it answers (a run cut short leaves its URL behind)."""
    url = os.environ.get("GEOEVENTS_TEST_POSTGRES")
    state = ROOT / ".postgres-url"
    if not url and state.is_file():
        url = state.read_text().strip()
    if not url:
        return None
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception:
        return None
    return url


@pytest.fixture(params=["duckdb", "postgresql"])
def store_where(request, tmp_path):
    """Where a test's store lives: a DuckDB file, or a new PostgreSQL database."""
    if request.param == "duckdb":
        yield str(tmp_path / "events.duckdb")
        return
    url = postgres_url()
    if not url:
        pytest.skip(
            "no PostgreSQL answering to test against: `make test` starts one (tools/postgres)"
        )
    psycopg = pytest.importorskip("psycopg", reason="needs the postgres extra")
    name = f"geoevents_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
