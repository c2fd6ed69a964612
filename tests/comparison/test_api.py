"""The benchmark API on the demo round: anonymity, disclosure control, correctness, caching."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from scipy.stats import rankdata
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.catalog.formula import parse_formula
from vergleichsring.catalog.models import BaseFigure, Indicator, IndicatorFormula
from vergleichsring.comparison.engine import key_figures as engine_key_figures
from vergleichsring.comparison.engine.key_figures import GroupFormula, IndicatorDef
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import RoundParticipant
from vergleichsring.submissions import repository as submission_repository
from vergleichsring.submissions.models import Submission, SubmissionStatus, SubmissionValue

VIEWER_AGS = "05315000"  # Köln
VIEWER = f"lesen-{VIEWER_AGS}@example.org"
MODERATOR = "moderation@example.org"


def base(round_id: int) -> str:
    return f"/api/v1/rounds/{round_id}/comparison"


@pytest.fixture
def viewer(client: TestClient) -> dict[str, str]:
    return bearer(client, VIEWER)


def all_ags(session: Session) -> set[str]:
    return set(session.scalars(select(Municipality.ags)).all())


def test_viewer_sees_own_city_named_and_others_under_stable_pseudonyms(
    client: TestClient, viewer: dict[str, str], demo_round_id: int, session: Session
) -> None:
    url = base(demo_round_id)
    comparison = client.get(f"{url}/indicators/ARB-05", headers=viewer, params={"year": 2021})
    assert comparison.status_code == 200, comparison.text
    rows = comparison.json()["rows"]
    own = [r for r in rows if r["own"]]
    assert len(own) == 1
    assert own[0]["label"] == "Köln"
    assert own[0]["ags"] == VIEWER_AGS
    others = [r for r in rows if not r["own"]]
    assert all(re.fullmatch(r"Stadt \d{2}", r["label"]) for r in others)
    assert all(r["ags"] is None for r in others)
    pseudonyms = {r["label"] for r in others}

    # No response of any comparison endpoint names another city's AGS.
    responses = [
        comparison,
        client.get(f"{url}/municipalities/{VIEWER_AGS}/profile", headers=viewer),
        client.get(f"{url}/indicators/ARB-05/distribution", headers=viewer),
        client.get(f"{url}/scatter", headers=viewer, params={"x": "KON-03", "y": "ARB-05"}),
        client.get(f"{url}/peer-groups", headers=viewer),
        client.get(f"{url}/municipalities/{VIEWER_AGS}/neighbours", headers=viewer),
    ]
    foreign = all_ags(session) - {VIEWER_AGS}
    for response in responses:
        assert response.status_code == 200, response.text
        assert not foreign & set(re.findall(r"\d{8}", response.text)), response.url

    # The same pseudonyms everywhere in the round.
    scatter_labels = {p["label"] for p in responses[3].json()["points"] if not p["own"]}
    assert scatter_labels <= pseudonyms | {r["label"] for r in rows}
    groups = responses[4].json()
    everyone = next(g for g in groups if g["id"] == "all")
    labels = {m["label"] for m in everyone["members"] if not m["own"]}
    truth = dict(
        session.execute(
            select(Municipality.ags, RoundParticipant.pseudonym).join(
                RoundParticipant, RoundParticipant.municipality_id == Municipality.id
            )
        ).all()
    )
    assert labels == {p for a, p in truth.items() if a != VIEWER_AGS}
    assert pseudonyms <= labels
    neighbour_labels = {n["label"] for n in responses[5].json()["neighbours"]}
    assert neighbour_labels <= labels


def test_participant_reads_no_other_citys_profile(
    client: TestClient, viewer: dict[str, str], demo_round_id: int
) -> None:
    url = base(demo_round_id)
    assert client.get(f"{url}/municipalities/02000000/profile", headers=viewer).status_code == 404
    assert (
        client.get(f"{url}/municipalities/02000000/neighbours", headers=viewer).status_code == 404
    )


def test_moderator_sees_names(client: TestClient, demo_round_id: int) -> None:
    headers = bearer(client, MODERATOR)
    rows = client.get(f"{base(demo_round_id)}/indicators/DEM-01", headers=headers).json()["rows"]
    assert all(r["ags"] and not r["label"].startswith("Stadt ") for r in rows)
    assert (
        client.get(
            f"{base(demo_round_id)}/municipalities/02000000/profile", headers=headers
        ).status_code
        == 200
    )


def test_admin_without_ring_role_and_strangers_are_refused(
    client: TestClient, demo_round_id: int
) -> None:
    admin = bearer(client, "admin@example.org")
    assert client.get(f"{base(demo_round_id)}/indicators/DEM-01", headers=admin).status_code == 403
    assert client.get(f"{base(demo_round_id)}/indicators/DEM-01").status_code == 401


def _approved_frame(session: Session, round_id: int) -> pd.DataFrame:
    rows = submission_repository.approved_values(session, round_id=round_id)
    frame = pd.DataFrame(rows, columns=["ags", "year", "base_figure", "value", "status"])
    frame["value"] = pd.to_numeric(frame["value"]).astype("float64")
    return frame


def test_figures_equal_an_independent_recomputation(
    client: TestClient, viewer: dict[str, str], demo_round_id: int, session: Session
) -> None:
    """DEM-01 = foreign residents / residents × 100, recomputed here with plain pandas."""
    frame = _approved_frame(session, demo_round_id)
    y = frame[
        (frame["year"] == 2021)
        & frame["status"].isin(["ok", "estimated", "provisional", "revised"])
    ]
    wide = y.pivot(index="ags", columns="base_figure", values="value")
    expected = (wide["G-BEV-AUS"] / wide["G-BEV-GES"] * 100).dropna()
    answer = client.get(
        f"{base(demo_round_id)}/indicators/DEM-01",
        headers=bearer(client, MODERATOR),
        params={"year": 2021},
    ).json()
    got = {r["ags"]: r["value"] for r in answer["rows"] if r["value"] is not None}
    assert set(got) == set(expected.index)
    for ags, value in got.items():
        assert value == pytest.approx(expected[ags], abs=1e-6)
    values = expected.to_numpy()
    stats = answer["statistics"]
    assert stats["n"] == len(values)
    assert stats["mean"] == pytest.approx(values.mean(), abs=1e-6)
    assert stats["median"] == pytest.approx(np.median(values), abs=1e-6)
    assert stats["q1"] == pytest.approx(np.quantile(values, 0.25, method="linear"), abs=1e-6)
    assert stats["q3"] == pytest.approx(np.quantile(values, 0.75, method="linear"), abs=1e-6)
    assert stats["sd"] == pytest.approx(values.std(ddof=1), abs=1e-6)
    weighted = y.pivot(index="ags", columns="base_figure", values="value").loc[expected.index]
    assert stats["weighted"] == pytest.approx(
        weighted["G-BEV-AUS"].sum() / weighted["G-BEV-GES"].sum() * 100, abs=1e-6
    )
    # DEM-01 is neutral: ordered by size, rank 1 = largest, competition ranking.
    ranks = rankdata(-values, method="min")
    for ags, rank in zip(expected.index, ranks, strict=True):
        row = next(r for r in answer["rows"] if r["ags"] == ags)
        assert row["rank"] == rank
        assert row["verdict"] is None
    assert answer["conventions"]["tie_rule"].startswith("competition")


class HiddenRow(NamedTuple):
    indicator: str
    measure: str
    ags: str
    year: int


def _suppressed_rows(session: Session, round_id: int) -> list[HiddenRow]:
    """Rows the disclosure rule must hide, computed here without the service: the engine's key
    figures from the approved base figures, and every row whose numerator is at least 1 and below
    the key figure's threshold, plus the other measures of a gap indicator in that case."""
    frame = _approved_frame(session, round_id)
    indicators = [i for i in session.scalars(select(Indicator)).all() if i.kind.value != "category"]
    formulas: dict[int, list[IndicatorFormula]] = {}
    for f in session.scalars(select(IndicatorFormula)).all():
        formulas.setdefault(f.indicator_id, []).append(f)
    defs = [
        IndicatorDef(
            code=ind.code,
            kind=ind.kind.value,
            multiplier=ind.multiplier,
            polarity=ind.polarity.value,
            suppression_threshold=ind.suppression_threshold,
            formulas=tuple(
                GroupFormula(
                    group=f.group.value,
                    numerator=parse_formula(f.numerator),
                    denominator=None if f.denominator is None else parse_formula(f.denominator),
                )
                for f in formulas[ind.id]
            ),
        )
        for ind in indicators
    ]
    values = engine_key_figures(frame, defs)
    limit = values["indicator"].map({i.code: i.suppression_threshold for i in indicators})
    small = (values["numerator"] >= 1) & (values["numerator"] < limit)
    keys = set(
        zip(
            values.loc[small, "indicator"],
            values.loc[small, "ags"],
            values.loc[small, "year"],
            strict=True,
        )
    )
    hit = np.array(
        [k in keys for k in zip(values["indicator"], values["ags"], values["year"], strict=True)]
    )
    hidden = values.loc[hit & np.isfinite(values["value"].to_numpy(dtype=float))]
    return [
        HiddenRow(str(i), str(m), str(a), int(y))
        for i, m, a, y in hidden[["indicator", "measure", "ags", "year"]].itertuples(
            index=False, name=None
        )
    ]


def _plant_small_gap_count(session: Session, round_id: int) -> None:
    """Jena 2021: 2 long-term unemployed foreign nationals (ARB-07 group A) – so that the
    complementary group B, the gap and the ratio must be suppressed too (secondary)."""
    sub = session.scalars(
        select(Submission.id)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(
            Submission.round_id == round_id, Municipality.ags == "16053000", Submission.year == 2021
        )
    ).one()
    figure = session.scalars(select(BaseFigure.id).where(BaseFigure.code == "G-ALO-LZ-AUS")).one()
    session.execute(
        update(SubmissionValue)
        .where(SubmissionValue.submission_id == sub, SubmissionValue.base_figure_id == figure)
        .values(value=2.0, status="ok")
    )
    session.flush()


@pytest.mark.parametrize("email", [MODERATOR, VIEWER, "koordination-16053000@example.org"])
def test_no_suppressed_value_leaves_the_server(
    client: TestClient, demo_round_id: int, session: Session, email: str
) -> None:
    """Every value the rule hides, for every role: no endpoint shows it, rank or derivative."""
    _plant_small_gap_count(session, demo_round_id)
    hidden = _suppressed_rows(session, demo_round_id)
    assert len(hidden) >= 3, "the demo data must contain values to suppress"
    assert {r.measure for r in hidden} & {"gap", "A", "B"}, "secondary must be exercised"
    headers = bearer(client, email)
    url = base(demo_round_id)
    pseudonym = dict(
        session.execute(
            select(Municipality.ags, RoundParticipant.pseudonym).join(
                RoundParticipant, RoundParticipant.municipality_id == Municipality.id
            )
        ).all()
    )
    me = client.get("/api/v1/auth/me", headers=headers).json()
    own = {m["municipality_ags"] for m in me["memberships"] if m["municipality_ags"]}
    is_moderator = any(m["role"] == "moderator" for m in me["memberships"])
    for row in hidden:
        params: dict[str, str | int] = {"year": row.year, "measure": row.measure}
        answer = client.get(f"{url}/indicators/{row.indicator}", headers=headers, params=params)
        assert answer.status_code == 200, answer.text
        named = row.ags in own or is_moderator
        city = next(
            r
            for r in answer.json()["rows"]
            if (named and r["ags"] == row.ags) or (not named and r["label"] == pseudonym[row.ags])
        )
        assert city["suppressed"] is True, row
        assert city["display"] == "."
        numeric = {k for k, v in city.items() if k not in ("excluding_self", "own")}
        for name in numeric - {
            "label",
            "ags",
            "display",
            "suppressed",
            "status",
            "suppression_reason",
            "previous",  # last year's value is a different, visible figure
        }:
            assert city[name] is None, (name, row)
        # Not in any statistic: the group figures are those of the visible values alone.
        body = answer.json()
        shown = [r["value"] for r in body["rows"] if r["value"] is not None]
        stats = body["statistics"]
        assert stats["n"] == len(shown)
        if stats["withheld"] is None:
            assert stats["mean"] == pytest.approx(float(np.mean(shown)), abs=1e-5)
            assert stats["median"] == pytest.approx(float(np.median(shown)), abs=1e-5)
            assert stats["min"] == pytest.approx(min(shown), abs=1e-5)
            assert stats["max"] == pytest.approx(max(shown), abs=1e-5)
            assert city["excluding_self"]["median"] == stats["median"]
        distribution = client.get(
            f"{url}/indicators/{row.indicator}/distribution",
            headers=headers,
            params={"measure": row.measure, "peer_group": "all"},
        ).json()
        box = next(b for b in distribution["boxes"] if b["year"] == row.year)
        assert box["statistics"] == stats
        if row.measure in ("value", "gap"):
            points = client.get(
                f"{url}/scatter",
                headers=headers,
                params={"x": row.indicator, "y": "DEM-01", "year": row.year},
            ).json()["points"]
            label = city["label"]
            assert all(p["label"] != label for p in points), row
        if named:
            profile = client.get(
                f"{url}/municipalities/{row.ags}/profile",
                headers=headers,
                params={"year": row.year},
            ).json()
            entry = next(
                (e for e in profile["entries"] if e["indicator"]["code"] == row.indicator), None
            )
            if entry is not None and entry["indicator"]["measure"] == row.measure:
                assert entry["row"]["value"] is None
                assert entry["row"]["display"] == "."


def test_withheld_statistics_below_minimum_group_size(
    client: TestClient, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    url = base(demo_round_id)
    created = client.post(
        f"{url}/peer-groups",
        headers=mod,
        json={
            "code": "klein",
            "name": "Kleine Gruppe",
            "members": ["06412000", "02000000", "14713000"],  # approved in 2021
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["usable"] is False
    answer = client.get(
        f"{url}/indicators/DEM-01", headers=mod, params={"peer_group": "custom:klein"}
    ).json()
    assert answer["statistics"]["withheld"] == "n=3 < 5"
    assert answer["statistics"]["median"] is None
    assert all(r["rank"] is None for r in answer["rows"])
    assert (
        client.post(
            f"{url}/peer-groups",
            headers=mod,
            json={"code": "klein", "name": "Nochmal", "members": ["06412000"]},
        ).status_code
        == 409
    )
    bad = client.post(
        f"{url}/peer-groups", headers=mod, json={"code": "x1", "name": "X", "members": ["11000000"]}
    )
    assert bad.status_code == 422
    viewer = bearer(client, VIEWER)
    assert (
        client.post(
            f"{url}/peer-groups",
            headers=viewer,
            json={"code": "v1", "name": "Viewer-Gruppe", "members": ["05315000"]},
        ).status_code
        == 403
    )


def test_peer_groups_have_methods_and_frozen_clusters(
    client: TestClient, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    groups = client.get(f"{base(demo_round_id)}/peer-groups", headers=mod).json()
    ids = {g["id"] for g in groups}
    assert {
        "all",
        "size_class:GK1",
        "size_class:GK2",
        "size_class:GK3",
        "east_west:Ost",
        "east_west:West",
    } <= ids
    clusters = [g for g in groups if g["type"] == "cluster"]
    assert 3 <= len(clusters) <= 6
    assert "Ward" in clusters[0]["method"]
    assert clusters[0]["parameters"]["variables"]
    again = client.get(f"{base(demo_round_id)}/peer-groups", headers=mod).json()
    assert [g for g in again if g["type"] == "cluster"] == clusters  # frozen, not recomputed
    compared = client.get(
        f"{base(demo_round_id)}/indicators/DEM-01",
        headers=mod,
        params={"peer_group": clusters[0]["id"]},
    )
    assert compared.status_code == 200


def test_results_are_cached_per_data_version(
    client: TestClient, viewer: dict[str, str], demo_round_id: int, session: Session
) -> None:
    cache = client.app.state.comparison_cache  # type: ignore[attr-defined]
    url = f"{base(demo_round_id)}/indicators/DEM-01"
    first = client.get(url, headers=viewer).json()
    computed = cache.computations
    for _ in range(3):
        assert client.get(url, headers=viewer).json() == first
    assert cache.computations == computed  # nothing recomputed
    # A new approval changes the data version: the next request recomputes.
    session.execute(
        update(Submission)
        .where(
            Submission.round_id == demo_round_id, Submission.status == SubmissionStatus.submitted
        )
        .values(status=SubmissionStatus.approved)
    )
    session.flush()
    after = client.get(url, headers=viewer).json()
    assert cache.computations == computed + 1
    assert after["data_version"] != first["data_version"]


def test_bad_parameters_name_the_problem(
    client: TestClient, viewer: dict[str, str], demo_round_id: int
) -> None:
    url = base(demo_round_id)
    year = client.get(f"{url}/indicators/DEM-01", headers=viewer, params={"year": 2019})
    assert year.status_code == 422
    assert year.json()["errors"][0]["loc"] == ["query", "year"]
    assert client.get(f"{url}/indicators/XYZ-99", headers=viewer).status_code == 404
    measure = client.get(f"{url}/indicators/DEM-01", headers=viewer, params={"measure": "gap"})
    assert measure.status_code == 422
    assert (
        client.get(
            f"{url}/indicators/DEM-01", headers=viewer, params={"peer_group": "nope"}
        ).status_code
        == 404
    )
    category = client.get(f"{url}/indicators/KON-07", headers=viewer)
    assert category.status_code == 422


def test_gap_rows_carry_both_group_values(client: TestClient, demo_round_id: int) -> None:
    mod = bearer(client, MODERATOR)
    answer = client.get(
        f"{base(demo_round_id)}/indicators/ARB-05", headers=mod, params={"year": 2021}
    ).json()
    assert answer["indicator"]["measure"] == "gap"
    assert answer["conventions"]["gap"].startswith("gap = A")
    row = next(r for r in answer["rows"] if r["value"] is not None)
    assert row["value"] == pytest.approx(row["value_a"] - row["value_b"], abs=1e-5)


def test_city_without_approval_is_shown_as_not_yet_approved(
    client: TestClient, demo_round_id: int
) -> None:
    """Offenbach's 2021 submission is a draft in the demo: its row says why it has no value."""
    mod = bearer(client, MODERATOR)
    rows = client.get(
        f"{base(demo_round_id)}/indicators/DEM-01", headers=mod, params={"year": 2021}
    ).json()["rows"]
    offenbach = next(r for r in rows if r["ags"] == "06413000")
    assert offenbach["value"] is None
    assert offenbach["status"] == "missing"
    assert offenbach["missing_reason"] == "Meldung noch nicht freigegeben"
    assert offenbach["display"] == "-"
