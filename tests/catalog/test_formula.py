"""The formula language: parsing, references, scalar and array evaluation, rejections."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from vergleichsring.catalog.formula import (
    Formula,
    FormulaError,
    Reference,
    dissimilarity_index,
    parse_formula,
)


def scalars(
    values: Mapping[str, float | None], previous: Mapping[str, float | None] | None = None
) -> Callable[[str, bool], float | None]:
    def lookup(code: str, prev: bool) -> float | None:
        source = (previous or {}) if prev else values
        return source.get(code)

    return lookup


def value(text: str, values: Mapping[str, float | None] | None = None) -> float | None:
    return parse_formula(text).evaluate(scalars(values or {}))


# --- arithmetic -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("100 / 10 / 5", 2.0),
        ("2 * (3 + 4) * 5", 70.0),
        ("-3 + 5", 2.0),
        ("-(2 + 3) * 2", -10.0),
        ("2 * -3", -6.0),
        ("--4", 4.0),
        ("6 ÷ 2 × 3", 9.0),
        ("7 − 2", 5.0),
        ("1.5 * 2", 3.0),
        ("((((1))))", 1.0),
    ],
)
def test_arithmetic_follows_precedence(text: str, expected: float) -> None:
    assert value(text) == pytest.approx(expected)


def test_codes_are_greedy_and_a_spaced_minus_is_a_subtraction() -> None:
    spaced = parse_formula("G-BEV-GES - G-BEV-GES-T5")
    assert spaced.references() == {Reference("G-BEV-GES"), Reference("G-BEV-GES-T5")}
    assert spaced.evaluate(scalars({"G-BEV-GES": 110.0, "G-BEV-GES-T5": 100.0})) == 10.0

    single = parse_formula("G-BEV-GES-T5")
    assert single.references() == {Reference("G-BEV-GES-T5")}
    assert single.single_reference() == Reference("G-BEV-GES-T5")

    # Without spaces the dash is read as part of the code (greedy), which is the documented rule.
    assert parse_formula("G-BEV-GES-T5").codes() == {"G-BEV-GES-T5"}


def test_growth_formula_of_kon_02() -> None:
    numerator = parse_formula("G-BEV-GES - G-BEV-GES-T5")
    denominator = parse_formula("G-BEV-GES-T5")
    lookup = scalars({"G-BEV-GES": 105_000.0, "G-BEV-GES-T5": 100_000.0})
    num, den = numerator.evaluate(lookup), denominator.evaluate(lookup)
    assert num is not None
    assert den is not None
    assert num / den * 100 == pytest.approx(5.0)


def test_sum_in_the_denominator() -> None:
    formula = parse_formula("G-SVB-WO-AUS + G-GB-WO-AUS")
    assert formula.evaluate(scalars({"G-SVB-WO-AUS": 900.0, "G-GB-WO-AUS": 100.0})) == 1000.0
    assert formula.single_reference() is None


def test_prev_reads_the_previous_year() -> None:
    formula = parse_formula("G-EINB / prev(G-BEV-AUS)")
    assert formula.references() == {Reference("G-EINB"), Reference("G-BEV-AUS", previous=True)}
    lookup = scalars({"G-EINB": 30.0, "G-BEV-AUS": 5000.0}, previous={"G-BEV-AUS": 3000.0})
    assert formula.evaluate(lookup) == pytest.approx(0.01)
    assert str(Reference("G-BEV-AUS", previous=True)) == "prev(G-BEV-AUS)"
    assert parse_formula("prev( G-BEV-AUS )").single_reference() == Reference("G-BEV-AUS", True)


def test_division_by_zero_and_missing_input_give_none() -> None:
    assert value("1 / 0") is None
    assert value("0 / 0") is None
    assert value("G-A-B / G-C-D", {"G-A-B": 3.0, "G-C-D": 0.0}) is None
    assert value("G-A-B / G-C-D", {"G-A-B": 3.0}) is None
    assert value("G-A-B + 1", {"G-A-B": None}) is None
    assert value("-G-A-B", {}) is None
    assert value("G-A-B * 2", {"G-A-B": math.nan}) is None
    assert value("G-A-B * 2", {"G-A-B": np.float64(2.5)}) == 5.0


def test_scalar_result_is_a_plain_float() -> None:
    result = value("G-A-B / 4", {"G-A-B": np.float64(2.0)})
    assert type(result) is float


# --- arrays ---------------------------------------------------------------------------------


def test_array_evaluation_marks_missing_and_division_by_zero_as_nan() -> None:
    data: dict[str, NDArray[np.float64]] = {
        "G-A-B": np.array([1.0, 2.0, np.nan, 0.0, 5.0]),
        "G-C-D": np.array([2.0, 0.0, 1.0, 0.0, -5.0]),
    }

    def lookup(code: str, previous: bool) -> NDArray[np.float64]:
        return data[code]

    formula = parse_formula("G-A-B / G-C-D * 100")
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        result = formula.evaluate(lookup)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    np.testing.assert_array_equal(result, [50.0, np.nan, np.nan, np.nan, -100.0])


def test_array_evaluation_mixes_scalars_arrays_and_missing_values() -> None:
    def lookup(code: str, previous: bool) -> float | NDArray[np.float64] | None:
        if code == "G-ARR-X":
            return np.array([10.0, 20.0])
        if code == "G-NONE-X":
            return None
        return 5.0

    result = parse_formula("(G-ARR-X - G-ONE-X) / prev(G-ONE-X)").evaluate(lookup)
    assert isinstance(result, np.ndarray)
    np.testing.assert_allclose(result, [1.0, 3.0])
    missing = parse_formula("G-ARR-X + G-NONE-X").evaluate(lookup)
    assert isinstance(missing, np.ndarray)
    assert np.isnan(missing).all()
    negated = parse_formula("-G-ARR-X").evaluate(lookup)
    assert isinstance(negated, np.ndarray)
    np.testing.assert_array_equal(negated, [-10.0, -20.0])


# --- rejections -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("__import__('os')", 0, "unknown function '__import__'"),
        ("G-BEV.__class__", 5, "unexpected character '.'"),
        ("2 ** 3", 3, "expected an operand after '*'"),
        ("foo(G-BEV-GES)", 0, "unknown function 'foo'"),
        ("", 0, "empty formula"),
        ("   ", 3, "empty formula"),
        ("(1 + 2", 6, "'(' at position 0 is not closed"),
        ("1 + 2)", 5, "')' without matching '('"),
        ("1 +", 3, "expected an operand after '+'"),
        ("1 2", 2, "expected an operator"),
        ("a.b", 0, "unknown name 'a'"),
        ("x**y", 0, "unknown name 'x'"),
        ("G-BEV-GES ^ 2", 10, "unexpected character '^'"),
        ("1.", 1, "malformed number"),
        (".5", 0, "unexpected character '.'"),
        ("prev(1)", 5, "prev() takes exactly one base-figure code"),
        ("prev(G-A-B + G-C-D)", 11, "expected ')'"),
        ("prev G-A-B", 5, "expected '(' after prev"),
        ("()", 1, "empty parentheses"),
        ("GES", 0, "unknown name 'GES'"),
        ("G-BEV-GES; 1", 9, "unexpected character ';'"),
        ("lambda: 1", 0, "unknown name 'lambda'"),
        ("G-BEV-GES-", 10, "expected an operand after '-'"),
        ("* 2", 0, "expected a number"),
    ],
)
def test_invalid_formulas_are_rejected_with_position(
    text: str, position: int, fragment: str
) -> None:
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.position == position
    assert fragment in str(error)
    assert f"at position {position}" in str(error)


def test_formula_is_frozen_and_keeps_its_text() -> None:
    formula = parse_formula("G-A-B / 2")
    assert isinstance(formula, Formula)
    assert formula.text == "G-A-B / 2"
    assert str(formula) == "G-A-B / 2"
    assert formula == parse_formula("G-A-B / 2")
    with pytest.raises(AttributeError):
        formula.text = "1"  # type: ignore[misc]


# --- a property: the parser agrees with directly computed arithmetic --------------------------


def _expressions() -> st.SearchStrategy[tuple[str, float]]:
    leaves = st.integers(min_value=0, max_value=50).map(lambda n: (str(n), float(n)))

    def extend(
        children: st.SearchStrategy[tuple[str, float]],
    ) -> st.SearchStrategy[tuple[str, float]]:
        def combine(
            left: tuple[str, float], op: str, right: tuple[str, float]
        ) -> tuple[str, float]:
            lt, lv = left
            rt, rv = right
            if op == "+":
                return f"({lt} + {rt})", lv + rv
            if op == "-":
                return f"({lt} - {rt})", lv - rv
            return f"({lt} * {rt})", lv * rv

        negation = children.map(lambda c: (f"-({c[0]})", -c[1]))
        binary = st.builds(combine, children, st.sampled_from("+-*"), children)
        return negation | binary

    return st.recursive(leaves, extend, max_leaves=12)


@settings(database=None)
@given(_expressions())
def test_parser_matches_direct_arithmetic(expression: tuple[str, float]) -> None:
    text, expected = expression
    assert value(text) == pytest.approx(expected)


# --- dissimilarity index --------------------------------------------------------------------


def test_dissimilarity_index() -> None:
    assert dissimilarity_index([10, 0], [0, 10]) == pytest.approx(100.0)
    assert dissimilarity_index([5, 5], [10, 10]) == pytest.approx(0.0)
    # a: 0.5 / 0.25 / 0.25, b: 0.25 / 0.25 / 0.5 -> 0.5 × (0.25 + 0 + 0.25) × 100 = 25
    assert dissimilarity_index([2, 1, 1], [1, 1, 2]) == pytest.approx(25.0)
    assert dissimilarity_index(np.array([2.0, 1.0, 1.0]), np.array([1.0, 1.0, 2.0])) == 25.0


def test_dissimilarity_index_without_data_is_none() -> None:
    assert dissimilarity_index([], []) is None
    assert dissimilarity_index([0, 0], [1, 2]) is None
    assert dissimilarity_index([1, math.nan], [1, 2]) is None


def test_dissimilarity_index_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="length"):
        dissimilarity_index([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="negative"):
        dissimilarity_index([1, -2], [1, 2])
