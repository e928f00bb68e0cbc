"""axe-core run in a page, for the accessibility tests (npm's axe-core, node_modules).

The page's context must be created with ``bypass_csp=True``: the site's CSP rightly
refuses axe's script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def violations(page: Any) -> list[dict]:
    """What axe finds wrong in ``page`` as it is now (id, impact, up to 3 nodes each)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN)
