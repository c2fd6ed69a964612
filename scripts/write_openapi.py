"""Write the backend's OpenAPI document as JSON (for the generated frontend client).

    .venv/bin/python scripts/write_openapi.py OUTPUT.json

`make api-client` runs it and turns the document into `frontend/src/api/schema.gen.ts` with
`openapi-typescript`; `make api-client-check` (part of `make test`) fails when the committed file
is stale. The document does not depend on a database: an in-memory SQLite URL is enough.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vergleichsring.core.config import Settings
from vergleichsring.main import create_app


def openapi_document() -> dict[str, object]:
    app = create_app(Settings(database_url="sqlite://", env="development"))
    try:
        return app.openapi()
    finally:
        app.state.engine.dispose()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: write_openapi.py OUTPUT.json", file=sys.stderr)
        return 2
    target = Path(argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=False)
    target.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
