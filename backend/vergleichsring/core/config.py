"""Settings: one class, read from the environment with the prefix ``VR_``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-development-only"  # noqa: S105 - the known default production refuses


def _project_root() -> Path:
    """The source checkout (editable install), else the working directory (e.g. /app in Docker)."""
    checkout = Path(__file__).resolve().parents[3]
    return checkout if (checkout / "alembic.ini").is_file() else Path.cwd()


PROJECT_ROOT = _project_root()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="VR_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Literal["development", "production"] = "development"
    database_url: str = Field(
        default="sqlite:///./var/vergleichsring.db",
        description="SQLAlchemy URL; SQLite by default, PostgreSQL (postgresql+psycopg://) in production",
    )
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    frontend_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    seed_data_dir: Path = PROJECT_ROOT / "seed_data"
    sql_echo: bool = False

    # Public address of the platform (links in mails, the OpenID Connect redirect URI); unset:
    # the address `serve` binds (VR_HOST, VR_PORT). https:// makes cookies Secure and adds HSTS.
    public_url: str | None = None
    # Serving: worker processes of `vergleichsring serve`, and how long a shutdown waits for
    # requests in flight before it ends them.
    workers: int = Field(default=1, ge=1, le=64)
    graceful_timeout_seconds: float = Field(default=20, gt=0, le=600)
    # Request bodies: the default limit and the one for routes that take a file upload.
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_upload_bytes: int = Field(default=10_000_000, ge=1024)
    # The API documentation pages /docs (Swagger UI) and /redoc; off: neither they nor the
    # OpenAPI document are served.
    docs: bool = True
    # Level of the application's own log (errors with request ids, cancelled requests).
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Sessions (browser cookie) and bearer tokens (scripts).
    session_hours: float = Field(default=12, gt=0, description="absolute lifetime of a session")
    session_idle_minutes: float = Field(default=120, gt=0, description="idle timeout of a session")
    token_hours: float = Field(default=8, gt=0, description="lifetime of a bearer token")
    login_max_failures: int = Field(default=5, ge=1)
    login_window_minutes: float = Field(default=15, gt=0)
    password_link_hours: float = Field(default=72, gt=0)
    # OpenID Connect single sign-on; off unless an issuer is set.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid email profile"
    oidc_display_name: str = "Single Sign-On"
    oidc_role_claim: str | None = Field(
        default=None,
        description="claim carrying role and city, e.g. 'vergleichsring' with values like "
        "'coordinator:05315000' or 'viewer:05315000'; unset: roles are kept on the platform",
    )
    # Mail: without an SMTP host, mails (e.g. password links) are written to the log.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "vergleichsring@localhost"
    smtp_starttls: bool = True

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.env == "production":
            secret = self.secret_key.get_secret_value()
            if not secret or secret == DEFAULT_SECRET or len(secret) < 32:
                raise ValueError(
                    "VR_SECRET_KEY must be set to a random value of at least 32 characters "
                    "when VR_ENV=production (e.g. `python -c 'import secrets; "
                    "print(secrets.token_urlsafe(48))'`)"
                )
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def public_base_url(self) -> str:
        """VR_PUBLIC_URL without a trailing slash, else the address `serve` binds."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = self.host
        if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming the wildcard, not binding it
            host = "localhost"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def secure_cookies(self) -> bool:
        return self.public_base_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
