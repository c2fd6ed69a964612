from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from vergleichsring.auth.models import Role
from vergleichsring.auth.permissions import Action
from vergleichsring.core.validation import DbId, Name


class LoginRequest(BaseModel):
    email: str = Field(max_length=320, examples=["moderation@example.org"])
    password: str = Field(max_length=1024)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class MembershipRead(BaseModel):
    id: int | None = None
    role: Role
    municipality_ags: str | None
    ring_id: int | None


class MeRead(BaseModel):
    id: int
    email: str
    display_name: str
    memberships: list[MembershipRead]
    permissions: list[Action]


class PasswordSet(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(max_length=1024)


class SsoInfo(BaseModel):
    enabled: bool
    display_name: str | None
    login_url: str | None


class MembershipCreate(BaseModel):
    role: Role
    municipality_ags: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    ring_id: DbId | None = None


class UserCreate(BaseModel):
    email: EmailStr
    display_name: Name = ""
    memberships: list[MembershipCreate] = Field(default=[], max_length=20)


class UserUpdate(BaseModel):
    display_name: Name | None = None
    is_active: bool | None = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    is_active: bool
    is_demo: bool
    created_at: datetime
    last_login_at: datetime | None
    has_password: bool
    memberships: list[MembershipRead]


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    action: str
    actor_id: int | None
    target_user_id: int | None
    email: str | None
    detail: dict[str, object]
    ip: str | None
