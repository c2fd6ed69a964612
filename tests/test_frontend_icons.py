"""The frontend uses only icon classes that KERN UX defines (an unknown one draws a filled square)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"
KERN_CSS = FRONTEND / "node_modules" / "@kern-ux" / "native" / "dist" / "kern.css"
ICON = re.compile(r"kern-icon--[a-z0-9-]+")


def test_every_kern_icon_class_exists() -> None:
    if not KERN_CSS.exists():
        pytest.fail(f"{KERN_CSS} is missing: install the frontend first (npm ci)")
    defined = set(ICON.findall(KERN_CSS.read_text(encoding="utf-8")))
    assert len(defined) > 20
    sources = [
        path
        for path in (FRONTEND / "src").rglob("*.ts*")
        if ".test." not in path.name and path.suffix in (".ts", ".tsx")
    ]
    assert len(sources) > 50
    unknown = sorted(
        f"{path.relative_to(FRONTEND)}: {name}"
        for path in sources
        for name in set(ICON.findall(path.read_text(encoding="utf-8")))
        if name not in defined
    )
    assert unknown == []
