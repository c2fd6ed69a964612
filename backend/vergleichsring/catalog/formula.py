"""Formulas over base figures: a small, safe arithmetic language.

A formula is written with base-figure codes, numbers, ``+ - * /`` (``×`` and ``÷`` and the
typographic minus ``−`` are accepted as well), unary minus, parentheses and ``prev(CODE)`` for
the previous year's value of a base figure::

    G-BEV-AUS
    (G-BEV-GES - G-BEV-GES-T5)
    G-SVB-WO-AUS + G-GB-WO-AUS
    G-EINB / prev(G-BEV-AUS)

Codes match ``[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+`` and are read greedily, so ``G-BEV-GES-T5`` is one
code while ``G-BEV-GES - G-BEV-GES-T5`` (with spaces) is a subtraction.

The parser is a hand-written tokenizer and recursive-descent parser; nothing is ever handed to
``eval``. Evaluation takes a lookup ``(code, previous) -> value`` and works on scalars (missing
input or division by zero gives ``None``) or on numpy arrays (``NaN`` where an input is missing
or a division is by zero), without raising and without numpy warnings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias, overload

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "ArrayLookup",
    "Formula",
    "FormulaError",
    "Lookup",
    "Reference",
    "ScalarLookup",
    "dissimilarity_index",
    "parse_formula",
]

FloatArray: TypeAlias = NDArray[np.float64]
Value: TypeAlias = float | FloatArray | None
ScalarLookup: TypeAlias = Callable[[str, bool], float | None]
ArrayLookup: TypeAlias = Callable[[str, bool], FloatArray]
Lookup: TypeAlias = Callable[[str, bool], Value]

CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = {
    "+": "+",
    "-": "-",
    "−": "-",  # U+2212 minus sign, as written in the German sources
    "*": "*",
    "×": "*",
    "/": "/",
    "÷": "/",
    "(": "(",
    ")": ")",
}
_FUNCTIONS = frozenset({"prev"})


class FormulaError(ValueError):
    """A formula that cannot be parsed; ``position`` is the 0-based offset of the problem."""

    def __init__(self, problem: str, position: int, text: str) -> None:
        super().__init__(f"{problem} at position {position} in formula {text!r}")
        self.problem = problem
        self.position = position
        self.text = text


@dataclass(frozen=True, order=True)
class Reference:
    """A base figure used by a formula; ``previous`` is true inside ``prev(...)``."""

    code: str
    previous: bool = False

    def __str__(self) -> str:
        return f"prev({self.code})" if self.previous else self.code


# --- syntax tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    value: float


@dataclass(frozen=True)
class _Ref:
    reference: Reference


@dataclass(frozen=True)
class _Neg:
    operand: _Node


@dataclass(frozen=True)
class _BinOp:
    op: str
    left: _Node
    right: _Node


_Node: TypeAlias = _Number | _Ref | _Neg | _BinOp


# --- tokenizer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "number" | "code" | "func" | "op" | "end"
    text: str
    position: int


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return "end of formula"
    if token.kind == "number":
        return f"number {token.text}"
    if token.kind == "code":
        return f"code {token.text}"
    if token.kind == "func":
        return f"{token.text!r}"
    return f"{token.text!r}"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _OPERATORS:
            tokens.append(_Token("op", _OPERATORS[ch], i))
            i += 1
            continue
        if "0" <= ch <= "9":
            m = _NUMBER.match(text, i)
            assert m is not None
            end = m.end()
            if end < n and text[end] == ".":
                raise FormulaError("malformed number (expected digits after '.')", end, text)
            tokens.append(_Token("number", m.group(), i))
            i = end
            continue
        if ch == ".":
            raise FormulaError("unexpected character '.'", i, text)
        code = CODE_PATTERN.match(text, i)
        if code is not None:
            tokens.append(_Token("code", code.group(), i))
            i = code.end()
            continue
        name = _NAME.match(text, i)
        if name is not None:
            word = name.group()
            if word in _FUNCTIONS:
                tokens.append(_Token("func", word, i))
                i = name.end()
                continue
            lookahead = name.end()
            while lookahead < n and text[lookahead].isspace():
                lookahead += 1
            if lookahead < n and text[lookahead] == "(":
                raise FormulaError(f"unknown function {word!r} (only prev is allowed)", i, text)
            raise FormulaError(
                f"unknown name {word!r} (base-figure codes look like G-BEV-GES)", i, text
            )
        raise FormulaError(f"unexpected character {ch!r}", i, text)
    tokens.append(_Token("end", "", n))
    return tokens


# --- parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def error(self, problem: str, token: _Token | None = None) -> FormulaError:
        token = token or self.current
        return FormulaError(problem, token.position, self.text)

    def parse(self) -> _Node:
        if self.current.kind == "end":
            raise self.error("empty formula")
        node = self.expression()
        token = self.current
        if token.kind != "end":
            if token.kind == "op" and token.text == ")":
                raise self.error("unbalanced parenthesis: ')' without matching '('")
            raise self.error(f"expected an operator, found {_describe(token)}")
        return node

    def expression(self) -> _Node:
        node = self.term()
        while self.current.kind == "op" and self.current.text in "+-":
            op = self.advance()
            node = _BinOp(op.text, node, self.term_after(op))
        return node

    def term(self) -> _Node:
        node = self.unary()
        while self.current.kind == "op" and self.current.text in "*/":
            op = self.advance()
            node = _BinOp(op.text, node, self.unary_after(op))
        return node

    def term_after(self, op: _Token) -> _Node:
        self.expect_operand(op)
        return self.term()

    def unary_after(self, op: _Token) -> _Node:
        self.expect_operand(op)
        return self.unary()

    def expect_operand(self, op: _Token) -> None:
        token = self.current
        if token.kind == "end" or (token.kind == "op" and token.text in "*/)"):
            raise self.error(f"expected an operand after {op.text!r}, found {_describe(token)}")

    def unary(self) -> _Node:
        token = self.current
        if token.kind == "op" and token.text == "-":
            self.advance()
            self.expect_operand(token)
            return _Neg(self.unary())
        return self.primary()

    def primary(self) -> _Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return _Number(float(token.text))
        if token.kind == "code":
            self.advance()
            return _Ref(Reference(token.text, previous=False))
        if token.kind == "func":
            return self.function_call()
        if token.kind == "op" and token.text == "(":
            self.advance()
            if self.current.kind == "op" and self.current.text == ")":
                raise self.error("empty parentheses")
            node = self.expression()
            closing = self.current
            if not (closing.kind == "op" and closing.text == ")"):
                raise self.error(
                    f"unbalanced parenthesis: '(' at position {token.position} is not closed, "
                    f"found {_describe(closing)}"
                )
            self.advance()
            return node
        raise self.error(
            f"expected a number, a base-figure code, prev(...) or '(', found {_describe(token)}"
        )

    def function_call(self) -> _Node:
        func = self.advance()
        opening = self.current
        if not (opening.kind == "op" and opening.text == "("):
            raise self.error(f"expected '(' after {func.text}, found {_describe(opening)}")
        self.advance()
        argument = self.current
        if argument.kind != "code":
            raise self.error(
                f"{func.text}() takes exactly one base-figure code, found {_describe(argument)}"
            )
        self.advance()
        closing = self.current
        if not (closing.kind == "op" and closing.text == ")"):
            raise self.error(
                f"{func.text}() takes exactly one base-figure code; expected ')', "
                f"found {_describe(closing)}"
            )
        self.advance()
        return _Ref(Reference(argument.text, previous=True))


# --- evaluation -----------------------------------------------------------------------------


def _collect(node: _Node, into: set[Reference]) -> None:
    if isinstance(node, _Ref):
        into.add(node.reference)
    elif isinstance(node, _Neg):
        _collect(node.operand, into)
    elif isinstance(node, _BinOp):
        _collect(node.left, into)
        _collect(node.right, into)


def _is_array(value: Value) -> bool:
    return isinstance(value, np.ndarray)


def _as_array(value: Value) -> FloatArray:
    if value is None:
        return np.asarray(np.nan, dtype=np.float64)
    return np.asarray(value, dtype=np.float64)


def _scalar(value: float | None) -> float | None:
    if value is None:
        return None
    result = float(value)
    return result if math.isfinite(result) else None


def _apply_scalar(op: str, left: float, right: float) -> float | None:
    if op == "+":
        return _scalar(left + right)
    if op == "-":
        return _scalar(left - right)
    if op == "*":
        return _scalar(left * right)
    if right == 0.0:
        return None
    return _scalar(left / right)


def _apply_array(op: str, left: FloatArray, right: FloatArray) -> FloatArray:
    with np.errstate(all="ignore"):
        if op == "+":
            result = np.add(left, right)
        elif op == "-":
            result = np.subtract(left, right)
        elif op == "*":
            result = np.multiply(left, right)
        else:
            result = np.divide(left, right)
            result = np.where(right == 0.0, np.nan, result)
    result = np.asarray(result, dtype=np.float64)
    return np.where(np.isfinite(result), result, np.nan)


def _evaluate(node: _Node, lookup: Lookup) -> Value:
    if isinstance(node, _Number):
        return node.value
    if isinstance(node, _Ref):
        raw = lookup(node.reference.code, node.reference.previous)
        if raw is None or isinstance(raw, np.ndarray):
            return raw
        return _scalar(float(raw))
    if isinstance(node, _Neg):
        operand = _evaluate(node.operand, lookup)
        if operand is None:
            return None
        if isinstance(operand, np.ndarray):
            return np.asarray(-operand, dtype=np.float64)
        return -operand
    left = _evaluate(node.left, lookup)
    right = _evaluate(node.right, lookup)
    if _is_array(left) or _is_array(right):
        return _apply_array(node.op, _as_array(left), _as_array(right))
    if left is None or right is None:
        return None
    assert isinstance(left, float)
    assert isinstance(right, float)
    return _apply_scalar(node.op, left, right)


@dataclass(frozen=True)
class Formula:
    """A parsed formula. Build it with :func:`parse_formula`."""

    text: str
    _root: _Node = field(repr=False, compare=False)

    def __str__(self) -> str:
        return self.text

    def references(self) -> frozenset[Reference]:
        """Every base figure the formula reads, with ``previous`` set inside ``prev()``."""
        found: set[Reference] = set()
        _collect(self._root, found)
        return frozenset(found)

    def codes(self) -> frozenset[str]:
        """The base-figure codes the formula reads, for this or the previous year."""
        return frozenset(ref.code for ref in self.references())

    def single_reference(self) -> Reference | None:
        """The reference if the formula is nothing but one base figure, else ``None``."""
        return self._root.reference if isinstance(self._root, _Ref) else None

    @overload
    def evaluate(self, lookup: ScalarLookup) -> float | None: ...

    @overload
    def evaluate(self, lookup: ArrayLookup) -> FloatArray: ...

    @overload
    def evaluate(self, lookup: Lookup) -> Value: ...

    def evaluate(self, lookup: Lookup) -> Value:
        """Evaluate with ``lookup(code, previous)``.

        Scalars: returns ``None`` when an input is missing (``None`` or NaN) or a division is by
        zero. Arrays (any lookup answer is an array): returns a float64 array with NaN there.
        Never raises for missing data and never emits numpy warnings.
        """
        result = _evaluate(self._root, lookup)
        if isinstance(result, np.ndarray):
            return np.where(np.isfinite(result), result, np.nan).astype(np.float64)
        return _scalar(result)


def parse_formula(text: str) -> Formula:
    """Parse ``text`` into a :class:`Formula`; raise :class:`FormulaError` when it is invalid."""
    if not isinstance(text, str):
        raise FormulaError(f"formula must be text, not {type(text).__name__}", 0, str(text))
    return Formula(text=text, _root=_Parser(text).parse())


def dissimilarity_index(
    a_counts: Sequence[float] | FloatArray, b_counts: Sequence[float] | FloatArray
) -> float | None:
    """Index of dissimilarity D = 0.5 × Σ_i |a_i/A − b_i/B| × 100 over the districts i.

    ``a_counts`` and ``b_counts`` are the two groups' counts per district, in the same order.
    Returns ``None`` when there is no district, a value is missing (NaN) or a group total is 0.
    Raises ``ValueError`` for different lengths or negative counts.
    """
    a = np.asarray(a_counts, dtype=np.float64).ravel()
    b = np.asarray(b_counts, dtype=np.float64).ravel()
    if a.shape != b.shape:
        raise ValueError(f"district counts differ in length: {a.size} vs {b.size}")
    if a.size == 0 or bool(np.isnan(a).any()) or bool(np.isnan(b).any()):
        return None
    if bool((a < 0).any()) or bool((b < 0).any()):
        raise ValueError("district counts must not be negative")
    total_a = float(a.sum())
    total_b = float(b.sum())
    if total_a <= 0.0 or total_b <= 0.0 or not math.isfinite(total_a + total_b):
        return None
    return float(0.5 * np.abs(a / total_a - b / total_b).sum() * 100.0)
