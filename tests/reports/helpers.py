"""Shared helpers of the report tests: PDF structure, text, pictures of the pages."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from vergleichsring.core.config import PROJECT_ROOT

# Pages as PNG for a person to look at; var/ is ignored by git.
ARTEFACTS = PROJECT_ROOT / "var" / "test-artefacts" / "reports"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def structure_elements(content: bytes) -> Iterator[DictionaryObject]:
    """Every element of the PDF's structure tree (depth first)."""
    reader = PdfReader(io.BytesIO(content))
    root = _resolve(reader.trailer["/Root"])
    stack = [_resolve(root["/StructTreeRoot"])]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, DictionaryObject) and "/S" in node:
            yield node
        kids = _resolve(node.get("/K")) if isinstance(node, DictionaryObject) else None
        if isinstance(kids, ArrayObject):
            stack.extend(_resolve(k) for k in kids)
        elif isinstance(kids, DictionaryObject):
            stack.append(kids)


def save_pages(content: bytes, folder: Path, name: str, *, resolution: int = 60) -> list[Path]:
    """The PDF as PNG pages (pdftoppm from poppler-utils, `make system-packages`)."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm is missing: run `make system-packages` (poppler-utils)")
        pytest.skip("pdftoppm is missing: run `make system-packages` (poppler-utils)")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.png"):
        old.unlink()
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(folder / name)],
        check=True,
        timeout=300,
    )
    return sorted(folder.glob(f"{name}-*.png"))


def catalog(reader: PdfReader) -> DictionaryObject:
    """The document catalogue (/Root) of a PDF."""
    root = _resolve(reader.trailer["/Root"])
    assert isinstance(root, DictionaryObject)
    return root


def xmp(root: DictionaryObject) -> bytes:
    stream = _resolve(root["/Metadata"])
    data: bytes = stream.get_data()
    return data
