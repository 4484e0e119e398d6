"""The notebooks in notebooks/ run top to bottom, offline, and show their maps and charts.

Each notebook is executed with nbclient in a fresh ``python3`` kernel started from this
interpreter's environment, with ``notebooks/`` as the working directory (as in
``make lab``). They use the full default gazetteer: ``make test`` builds it first; run
alone, the first notebook builds it (about 30 s).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CELL_TIMEOUT = 300  # seconds per cell: the first cell to load the gazetteer may build it
MAX_BYTES = 1_000_000

# notebook: (maps, charts) it must show at least, and warnings it may print
EXPECTED = {
    "01_quickstart.ipynb": (2, 0, ()),
    "02_gazetteer.ipynb": (1, 0, ()),
    "03_many_reports.ipynb": (2, 1, ("report(s) without a publication date",)),
    "04_compare_with_datasets.ipynb": (2, 0, ("report(s) without a publication date",)),
    "05_ukrainian_russian.ipynb": (1, 0, ("report(s) without a publication date",)),
    "06_event_store.ipynb": (1, 0, ("report(s) without a publication date",)),
}


def _outputs(nb) -> list:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def test_every_notebook_is_tested():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)


def test_kernel_is_this_environment():
    """nbclient's "python3" kernel runs this interpreter, so it imports this geoevents."""
    cmd = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert cmd[0] == sys.executable


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_is_committed_clean(name):
    path = NOTEBOOKS / name
    assert path.stat().st_size < MAX_BYTES
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    stored = [cell for cell in nb.cells if cell.cell_type == "code" and cell.outputs]
    assert not stored, f"{name}: clear the outputs before committing"


@pytest.mark.integration  # the notebooks use the full default gazetteer
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs(name):
    n_maps, n_charts, allowed = EXPECTED[name]
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    # one more cell, to see which Python the kernel really runs
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix, end='')"))
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    check = nb.cells.pop()
    assert check.outputs[0]["text"] == sys.prefix
    outputs = _outputs(nb)
    assert not [out for out in outputs if out.output_type == "error"]

    html = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    maps = [h for h in html if "<iframe" in h and "leaflet" in h.lower()]
    assert len(maps) >= n_maps, f"{name}: {len(maps)} map(s) shown, expected {n_maps}"
    charts = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(charts) >= n_charts, f"{name}: {len(charts)} chart(s) shown, expected {n_charts}"

    stderr = "".join(
        out["text"] for out in outputs if out.output_type == "stream" and out.name == "stderr"
    )
    unexpected = [
        line
        for line in stderr.splitlines()
        if "Warning" in line and not any(text in line for text in allowed)
    ]
    assert not unexpected, f"{name} printed warnings: {unexpected}"
