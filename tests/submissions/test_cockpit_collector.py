"""The cockpit pauses the garbage collector only while it builds an answer."""

from __future__ import annotations

import gc

import pytest

from vergleichsring.submissions.cockpit import _collector_paused


def _fail_inside() -> None:
    with _collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")


def test_the_collector_is_paused_inside_and_back_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="boom"):
        _fail_inside()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
