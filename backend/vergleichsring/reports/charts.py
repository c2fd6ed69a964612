"""Small SVG charts drawn on the server (no browser at report time).

Every chart is an inline ``<svg>`` with a ``<title>``: WeasyPrint tags it as a Figure and takes
the title as its alternative text. The charts only draw what the comparison answered; they
compute no statistic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

OWN = "#004b87"
BOX = "#c9dcef"
LINE = "#4d4d4d"
DOTS = "#7a7a7a"


@dataclass(frozen=True)
class Box:
    """The five figures of a box plot; None where the comparison withheld them."""

    low: float | None
    q1: float | None
    median: float | None
    q3: float | None
    high: float | None

    def values(self) -> list[float]:
        return [v for v in (self.low, self.q1, self.median, self.q3, self.high) if v is not None]


def _scale(values: Sequence[float], start: float, end: float) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1.0, hi + 1.0
    pad = (hi - lo) * 0.04
    lo, hi = lo - pad, hi + pad
    factor = (end - start) / (hi - lo)
    return lo, factor


def _f(x: float) -> str:
    return f"{x:.1f}"


def position_chart(
    box: Box, own: float | None, previous: float | None, *, title: str, width: int = 150
) -> str:
    """One key figure: group range, corridor, median; the city now (filled) and before (open)."""
    height = 22
    values = box.values() + [v for v in (own, previous) if v is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    if values:
        lo, factor = _scale(values, 6, width - 6)

        def x(v: float) -> float:
            return 6 + (v - lo) * factor

        mid = height / 2
        if box.low is not None and box.high is not None:
            parts.append(
                f'<line x1="{_f(x(box.low))}" y1="{mid}" x2="{_f(x(box.high))}" y2="{mid}" '
                f'stroke="{LINE}" stroke-width="1"/>'
            )
        if box.q1 is not None and box.q3 is not None:
            parts.append(
                f'<rect x="{_f(x(box.q1))}" y="{mid - 5}" width="{_f(max(x(box.q3) - x(box.q1), 1))}" '
                f'height="10" fill="{BOX}" stroke="{LINE}" stroke-width="0.6"/>'
            )
        if box.median is not None:
            parts.append(
                f'<line x1="{_f(x(box.median))}" y1="{mid - 6}" x2="{_f(x(box.median))}" '
                f'y2="{mid + 6}" stroke="{LINE}" stroke-width="1.6"/>'
            )
        if previous is not None:
            parts.append(
                f'<circle cx="{_f(x(previous))}" cy="{mid}" r="3.2" fill="white" '
                f'stroke="{OWN}" stroke-width="1.2"/>'
            )
        if own is not None:
            parts.append(f'<circle cx="{_f(x(own))}" cy="{mid}" r="3.6" fill="{OWN}"/>')
    parts.append("</svg>")
    return "".join(parts)


def distribution_chart(
    rows: Sequence[tuple[str, Box, Sequence[float]]], *, title: str, width: int = 480
) -> str:
    """Per data year a box plot over the dots of every shown value (no names)."""
    row_h = 26
    label_w = 40
    height = row_h * len(rows) + 6
    values = [v for _, b, dots in rows for v in [*b.values(), *dots]]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    if values:
        lo, factor = _scale(values, label_w + 4, width - 6)

        def x(v: float) -> float:
            return label_w + 4 + (v - lo) * factor

        for i, (label, box, dots) in enumerate(rows):
            mid = 6 + i * row_h + row_h / 2
            parts.append(
                f'<text x="0" y="{mid + 3}" font-size="9" fill="{LINE}">{escape(label)}</text>'
            )
            if box.low is not None and box.high is not None:
                parts.append(
                    f'<line x1="{_f(x(box.low))}" y1="{mid}" x2="{_f(x(box.high))}" y2="{mid}" '
                    f'stroke="{LINE}" stroke-width="1"/>'
                )
            if box.q1 is not None and box.q3 is not None:
                parts.append(
                    f'<rect x="{_f(x(box.q1))}" y="{mid - 8}" '
                    f'width="{_f(max(x(box.q3) - x(box.q1), 1))}" height="16" fill="{BOX}" '
                    f'stroke="{LINE}" stroke-width="0.6"/>'
                )
            if box.median is not None:
                parts.append(
                    f'<line x1="{_f(x(box.median))}" y1="{mid - 9}" x2="{_f(x(box.median))}" '
                    f'y2="{mid + 9}" stroke="{LINE}" stroke-width="1.8"/>'
                )
            for v in dots:
                parts.append(
                    f'<circle cx="{_f(x(v))}" cy="{mid}" r="2" fill="{DOTS}" fill-opacity="0.7"/>'
                )
    parts.append("</svg>")
    return "".join(parts)
