"""The analyst notebook runs from top to bottom (so it cannot rot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HAS_BIH

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
@pytest.mark.bih
@pytest.mark.skipif(not HAS_BIH, reason="the notebook uses the default pack, `bih`")
def test_analyst_notebook_runs(tmp_path: Path) -> None:
    nb = nbformat.read(EXAMPLES / "analyst.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The assessment card and the plots were rendered.
    assert any("text/html" in o.get("data", {}) and "What to ask next" in o["data"]["text/html"] for o in outputs)
    # level distribution, what to ask next, waterfall, sweep curve, diff matrix
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 5
    assert (EXAMPLES / "sweep.png").read_bytes().startswith(b"\x89PNG")
