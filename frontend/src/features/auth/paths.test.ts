import { describe, expect, it } from "vitest";

import { loginPathFor, safeNextPath, ssoLoginHref, tokenFromHash } from "./paths";
import { ssoErrorCodes, ssoErrorMessage } from "./sso-errors";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeNextPath("/runden?jahr=2021#tabelle")).toBe("/runden?jahr=2021#tabelle");
  });

  it.each([null, undefined, "", "runden", "//evil.example", "/\\evil.example", "https://evil.example/", "/\t/evil.example", "javascript:alert(1)"])(
    "sends %j to the start page",
    (value) => {
      expect(safeNextPath(value)).toBe("/");
    },
  );

  it("does not loop back to the auth pages", () => {
    expect(safeNextPath("/anmelden?next=/x")).toBe("/");
    expect(safeNextPath("/passwort-setzen#token=abc")).toBe("/");
  });
});

describe("loginPathFor", () => {
  it("names the way back, except for the start page", () => {
    expect(loginPathFor({ pathname: "/runden", search: "?jahr=2021" })).toBe("/anmelden?next=%2Frunden%3Fjahr%3D2021");
    expect(loginPathFor({ pathname: "/", search: "" })).toBe("/anmelden");
    expect(loginPathFor({ pathname: "/passwort-setzen", search: "" })).toBe("/anmelden");
  });
});

describe("tokenFromHash", () => {
  it("reads #token=", () => {
    expect(tokenFromHash("#token=abc-DEF_123")).toBe("abc-DEF_123");
    expect(tokenFromHash("#token=")).toBeNull();
    expect(tokenFromHash("")).toBeNull();
  });
});

describe("ssoLoginHref", () => {
  it("adds return_to to the login address", () => {
    expect(ssoLoginHref("/api/v1/auth/oidc/login", "/runden?jahr=2021")).toBe(
      "/api/v1/auth/oidc/login?return_to=%2Frunden%3Fjahr%3D2021",
    );
    expect(ssoLoginHref("/sso?x=1", "/")).toBe("/sso?x=1&return_to=%2F");
  });
});

describe("ssoErrorMessage", () => {
  it("has a message for every code the backend sends", () => {
    for (const code of ssoErrorCodes) expect(ssoErrorMessage(code)).not.toBe("unknown");
    expect(ssoErrorMessage("unknown_user")).toBe("unknownUser");
    expect(ssoErrorMessage("wrong_nonce")).toBe("untrusted");
    expect(ssoErrorMessage("something_new")).toBe("unknown");
  });
});
