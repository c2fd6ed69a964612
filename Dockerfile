# syntax=docker/dockerfile:1
#
# Vergleichsring: API and frontend in one image.
#   docker build -t vergleichsring .
#   VR_SECRET_KEY=... docker compose up        (with PostgreSQL, see docker-compose.yml)

# ---- Stage 1: build the frontend (React + Vite) ------------------------------------------------
FROM node:20-bookworm-slim AS frontend

WORKDIR /build/frontend
# Dependencies first, so this layer is reused while only the sources change.
# .npmrc: the lock file names no registry; npm ci takes the configured one.
COPY frontend/package.json frontend/package-lock.json frontend/.npmrc ./
RUN npm ci
COPY frontend/ ./
RUN npm run build


# ---- Stage 2: the Python application -----------------------------------------------------------
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

WORKDIR /app

# Reports (issue 13): WeasyPrint lays out PDFs with pango and the DejaVu fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Pinned runtime dependencies (all ship wheels: no compiler needed).
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# The project itself; its dependencies are already there.
COPY pyproject.toml README.md alembic.ini ./
COPY backend/ backend/
COPY migrations/ migrations/
COPY seed_data/ seed_data/
RUN pip install --no-cache-dir --no-deps . \
    && rm -rf build backend/*.egg-info

COPY --from=frontend /build/frontend/dist/ /app/frontend/dist/

# Run as an unprivileged user. It owns only var/ (a SQLite file when no VR_DATABASE_URL is given).
RUN groupadd --system vergleichsring \
    && useradd --system --gid vergleichsring --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin vergleichsring \
    && mkdir -p /app/var \
    && chown vergleichsring:vergleichsring /app/var
USER vergleichsring

# VR_SECRET_KEY has no default here: in production the app refuses to start without one.
# The installed package finds alembic.ini, migrations/ and seed_data/ through the working directory.
ENV VR_ENV=production \
    VR_HOST=0.0.0.0 \
    VR_PORT=8000 \
    VR_WORKERS=2 \
    VR_FRONTEND_DIST=/app/frontend/dist \
    VR_SEED_DATA_DIR=/app/seed_data

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4)"]

# Migrate, load cities and catalogue (idempotent), then serve with VR_WORKERS processes
# (exec: uvicorn receives the stop signal and shuts down gracefully).
CMD ["sh", "-c", "vergleichsring db upgrade && vergleichsring seed && exec vergleichsring serve --workers \"$VR_WORKERS\""]
