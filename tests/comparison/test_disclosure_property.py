"""Property: whatever small count a city reports, no role sees it through the comparison API.

Hypothesis plants a count below the threshold into a random city's approved base figures and
asks, as a random role, for every measure of the key figure: the city's row is suppressed with
no value, no rank and no interval; for a gap indicator the complementary measures go with it.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import RoundParticipant
from vergleichsring.submissions.models import Submission, SubmissionStatus, SubmissionValue

# (key figure, base figure in its numerator, threshold, measures that must be hidden)
PLANTS = [
    ("ARB-07", "G-ALO-LZ-AUS", 3, ("A", "B", "gap", "ratio")),
    ("BIL-07", "G-SCH-ABG-OA-DEU", 3, ("A", "B", "gap", "ratio")),
    ("REC-02", "G-AUS-DULD-GEST", 3, ("value",)),
    ("DIS-02", "G-ADB-RASS", 5, ("value",)),
]
ROLES = ["moderation@example.org", "lesen-02000000@example.org", "koordination-{ags}@example.org"]


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plant=st.sampled_from(PLANTS),
    city_index=st.integers(min_value=0, max_value=100),
    count=st.integers(min_value=1, max_value=4),
    role=st.sampled_from(ROLES),
)
def test_planted_small_count_is_never_visible(
    client: TestClient,
    session: Session,
    demo_round_id: int,
    plant: tuple[str, str, int, tuple[str, ...]],
    city_index: int,
    count: int,
    role: str,
) -> None:
    code, figure, threshold, measures = plant
    count = min(count, threshold - 1)
    cities = session.execute(
        select(Municipality.ags, Submission.id, RoundParticipant.pseudonym)
        .join(Submission, Submission.municipality_id == Municipality.id)
        .join(
            RoundParticipant,
            (RoundParticipant.municipality_id == Municipality.id)
            & (RoundParticipant.round_id == Submission.round_id),
        )
        .where(
            Submission.round_id == demo_round_id,
            Submission.year == 2021,
            Submission.status == SubmissionStatus.approved,
            Municipality.ags != "02000000",
        )
        .order_by(Municipality.ags)
    ).all()
    ags, submission_id, pseudonym = cities[city_index % len(cities)]
    figure_id = session.scalars(select(BaseFigure.id).where(BaseFigure.code == figure)).one()
    savepoint = session.begin_nested()
    try:
        session.execute(
            update(SubmissionValue)
            .where(
                SubmissionValue.submission_id == submission_id,
                SubmissionValue.base_figure_id == figure_id,
            )
            .values(value=float(count), status="ok")
        )
        session.flush()
        client.app.state.comparison_cache = ComparisonCache()  # type: ignore[attr-defined]
        headers = bearer(client, role.format(ags=ags))
        for measure in measures:
            answer = client.get(
                f"/api/v1/rounds/{demo_round_id}/comparison/indicators/{code}",
                headers=headers,
                params={"year": 2021, "measure": measure},
            )
            assert answer.status_code == 200, answer.text
            row = next(
                r for r in answer.json()["rows"] if r["ags"] == ags or r["label"] == pseudonym
            )
            assert row["suppressed"] is True, (code, measure, ags)
            assert row["display"] == "."
            for name in ("value", "rank", "percentile", "z", "ci_low", "ci_high", "value_a"):
                assert row[name] is None, (name, code, measure)
    finally:
        savepoint.rollback()
