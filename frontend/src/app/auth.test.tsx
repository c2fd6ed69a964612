import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { changeLanguage } from "@/lib/i18n";
import { coordinator, moderator, signedOut, ssoEnabled, startPageRoutes } from "@/testing/fixtures";
import { mockApi, requestTo, type MockRequest } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const wrongPassword = {
  status: 401,
  body: { error: "not_authenticated", detail: "E-Mail-Adresse oder Passwort ist falsch.", errors: [] },
};

/** The backend's login: the demo password signs in the coordinator, anything else is refused. */
function loginRoute(request: MockRequest) {
  const { password } = request.json as { email: string; password: string };
  return password === "vergleichsring-demo" ? coordinator : wrongPassword;
}

function setCookie(value: string) {
  document.cookie = `${value}; path=/`;
}

afterEach(() => {
  setCookie("vr_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT");
});

describe("login page", () => {
  it("signs in with JSON, goes on to ?next= and shows the user menu", async () => {
    const fetchStub = mockApi({ ...startPageRoutes, "POST /api/v1/auth/login": loginRoute });
    const { user } = await renderApp("/anmelden?next=%2Fgibt-es-nicht%3Fjahr%3D2021");

    expect(screen.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
    await waitFor(() => { expect(document.title).toBe("Anmelden – Vergleichsring"); });
    const email = screen.getByLabelText("E-Mail-Adresse");
    const password = screen.getByLabelText("Passwort");
    expect(email).toHaveAttribute("type", "email");
    expect(email).toHaveAttribute("autocomplete", "username");
    expect(password).toHaveAttribute("type", "password");
    expect(password).toHaveAttribute("autocomplete", "current-password");

    await user.type(email, " koordination-05315000@example.org ");
    await user.type(password, "vergleichsring-demo");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
    expect(window.location.pathname + window.location.search).toBe("/gibt-es-nicht?jahr=2021");
    // The new page's heading takes the focus, as after a page load.
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();

    const request = requestTo(fetchStub, "/api/v1/auth/login");
    expect(request.method).toBe("POST");
    expect(request.credentials).toBe("same-origin");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(request.json).toEqual({ email: "koordination-05315000@example.org", password: "vergleichsring-demo" });

    const account = screen.getByRole("group", { name: "Ihr Konto" });
    expect(within(account).getByText("koordination-05315000@example.org")).toBeInTheDocument();
    expect(within(account).getByText("Koordination (AGS 05315000)")).toBeInTheDocument();
    expect(within(account).getByRole("button", { name: "Abmelden" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Anmelden" })).not.toBeInTheDocument();
  });

  it("goes to the start page without ?next= and refuses other sites", async () => {
    mockApi({ ...startPageRoutes, "POST /api/v1/auth/login": loginRoute });
    const { user } = await renderApp("/anmelden?next=%2F%2Fevil.example");
    await user.type(screen.getByLabelText("E-Mail-Adresse"), "koordination-05315000@example.org");
    await user.type(screen.getByLabelText("Passwort"), "vergleichsring-demo");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Vergleichsring – Integrationsmonitoring" })).toBeVisible();
    expect(window.location.pathname).toBe("/");
  });

  it("shows the server's reason for a wrong password and moves the focus to it", async () => {
    mockApi({ ...startPageRoutes, "POST /api/v1/auth/login": loginRoute });
    const { user } = await renderApp("/anmelden");
    await user.type(screen.getByLabelText("E-Mail-Adresse"), "moderation@example.org");
    await user.type(screen.getByLabelText("Passwort"), "falsch");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Die Anmeldung ist fehlgeschlagen");
    expect(alert).toHaveTextContent("E-Mail-Adresse oder Passwort ist falsch.");
    expect(alert).toHaveFocus();
    expect(window.location.pathname).toBe("/anmelden");

    // A second failure moves the focus there again.
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => {
      expect(screen.getByRole("alert")).toHaveFocus();
    });
  });

  it("checks for empty fields before asking the server", async () => {
    const fetchStub = mockApi({ ...startPageRoutes, "POST /api/v1/auth/login": loginRoute });
    const { user } = await renderApp("/anmelden");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    const email = screen.getByLabelText("E-Mail-Adresse");
    expect(email).toHaveFocus();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Bitte geben Sie Ihre E-Mail-Adresse ein.");
    expect(screen.getByLabelText("Passwort")).toHaveAccessibleDescription("Bitte geben Sie Ihr Passwort ein.");
    expect(fetchStub).not.toHaveBeenCalledWith("/api/v1/auth/login", expect.anything());
  });

  it("says in minutes when to try again after too many failures (429)", async () => {
    mockApi({
      ...startPageRoutes,
      "POST /api/v1/auth/login": {
        status: 429,
        body: { error: "too_many_requests", detail: "Zu viele fehlgeschlagene Anmeldungen.", errors: [] },
        headers: { "Retry-After": "900" },
      },
    });
    const { user } = await renderApp("/anmelden");
    await user.type(screen.getByLabelText("E-Mail-Adresse"), "moderation@example.org");
    await user.type(screen.getByLabelText("Passwort"), "falsch");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Zu viele fehlgeschlagene Anmeldeversuche");
    expect(alert).toHaveTextContent("Bitte versuchen Sie es in 15 Minuten erneut.");
    expect(alert).toHaveFocus();
  });

  it("rounds a wait of seconds up to one minute", async () => {
    mockApi({
      ...startPageRoutes,
      "POST /api/v1/auth/login": { status: 429, body: { error: "too_many_requests", detail: "…", errors: [] }, headers: { "Retry-After": "30" } },
    });
    const { user } = await renderApp("/anmelden");
    await user.type(screen.getByLabelText("E-Mail-Adresse"), "moderation@example.org");
    await user.type(screen.getByLabelText("Passwort"), "falsch");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Bitte versuchen Sie es in 1 Minute erneut.");
  });

  it("offers no single sign-on when the backend has none", async () => {
    mockApi(startPageRoutes);
    await renderApp("/anmelden?next=%2Frunden");
    await screen.findByText(/Version 0\.1\.0/);
    expect(screen.queryByRole("link", { name: "Mit Single Sign-On anmelden" })).not.toBeInTheDocument();
  });

  it("links single sign-on to login_url with return_to", async () => {
    mockApi({ ...startPageRoutes, "/api/v1/auth/sso": ssoEnabled });
    await renderApp("/anmelden?next=%2Frunden%3Fjahr%3D2021");
    const sso = await screen.findByRole("link", { name: "Mit Single Sign-On anmelden" });
    expect(sso).toHaveAttribute("href", "/api/v1/auth/oidc/login?return_to=%2Frunden%3Fjahr%3D2021");
  });

  it("explains a failed single sign-on (sso_fehler=unknown_user)", async () => {
    mockApi({ ...startPageRoutes, "/api/v1/auth/sso": ssoEnabled });
    await renderApp("/anmelden?sso_fehler=unknown_user");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveClass("kern-alert", "kern-alert--danger");
    expect(alert).toHaveTextContent("Die Anmeldung mit Single Sign-On ist fehlgeschlagen");
    expect(alert).toHaveTextContent(
      "Für diese E-Mail-Adresse gibt es noch kein Konto. Bitte wenden Sie sich an die Moderation.",
    );
    expect(alert).toHaveTextContent("Fehlercode: unknown_user");
    expect(alert).toHaveFocus();
    // Without ?next= single sign-on comes back to the start page.
    expect(await screen.findByRole("link", { name: "Mit Single Sign-On anmelden" })).toHaveAttribute(
      "href",
      "/api/v1/auth/oidc/login?return_to=%2F",
    );
  });

  it("gives similar SSO failures one message", async () => {
    mockApi(startPageRoutes);
    await renderApp("/anmelden?sso_fehler=state_used");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Bitte starten Sie sie auf dieser Seite neu.");
    expect(alert).toHaveTextContent("Fehlercode: state_used");
    await screen.findByText(/Version 0\.1\.0/);
  });

  it("does not echo an unknown SSO code", async () => {
    mockApi(startPageRoutes);
    await renderApp("/anmelden?sso_fehler=Rufen+Sie+0800+an");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Bitte versuchen Sie es erneut oder melden Sie sich mit E-Mail-Adresse und Passwort an.");
    expect(alert).not.toHaveTextContent("0800");
    await screen.findByText(/Version 0\.1\.0/);
  });

  it("works in English", async () => {
    await changeLanguage("en");
    mockApi({ ...startPageRoutes, "/api/v1/auth/sso": ssoEnabled });
    await renderApp("/anmelden?sso_fehler=user_disabled");
    expect(screen.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await waitFor(() => { expect(document.title).toBe("Sign in – comparison ring"); });
    expect(screen.getByLabelText("Email address")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Your account is locked. Please contact the moderators.");
    expect(await screen.findByRole("link", { name: "Sign in with single sign-on" })).toBeInTheDocument();
  });
});

describe("header", () => {
  it("links to the login page with the way back when signed out", async () => {
    mockApi(startPageRoutes);
    const { user } = await renderApp("/gibt-es-nicht?jahr=2021");
    const link = await screen.findByRole("link", { name: "Anmelden" });
    expect(link).toHaveAttribute("href", "/anmelden?next=%2Fgibt-es-nicht%3Fjahr%3D2021");
    await user.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Anmelden" })).toHaveFocus();
  });

  it("signs out with the CSRF token from the cookie", async () => {
    setCookie("vr_csrf=csrf-aus-dem-cookie");
    let session = true;
    const fetchStub = mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": () => (session ? moderator : signedOut),
      "POST /api/v1/auth/logout": (request: MockRequest) => {
        if (request.headers.get("X-CSRF-Token") !== "csrf-aus-dem-cookie") {
          return { status: 403, body: { error: "permission_denied", detail: "CSRF", errors: [] } };
        }
        session = false;
        return { status: 204, body: null };
      },
    });
    const { user } = await renderApp("/");

    const account = await screen.findByRole("group", { name: "Ihr Konto" });
    expect(within(account).getByText("moderation@example.org")).toBeInTheDocument();
    expect(within(account).getByText("Moderation (Ring 1)")).toBeInTheDocument();
    await user.click(within(account).getByRole("button", { name: "Abmelden" }));

    expect(await screen.findByText("Sie haben sich abgemeldet.")).toBeInTheDocument();
    expect(window.location.pathname).toBe("/anmelden");
    expect(screen.queryByRole("group", { name: "Ihr Konto" })).not.toBeInTheDocument();

    const request = requestTo(fetchStub, "/api/v1/auth/logout");
    expect(request.method).toBe("POST");
    expect(request.credentials).toBe("same-origin");
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-aus-dem-cookie");

    // The notice goes once the next sign-in is sent.
    await user.type(screen.getByLabelText("E-Mail-Adresse"), "moderation@example.org");
    await user.type(screen.getByLabelText("Passwort"), "falsch");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(screen.queryByText("Sie haben sich abgemeldet.")).not.toBeInTheDocument();
  });

  it("keeps the user menu and says so when signing out fails", async () => {
    mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": coordinator,
      "POST /api/v1/auth/logout": { status: 503, body: { error: "unavailable", detail: "Wartung", errors: [] } },
    });
    const { user } = await renderApp("/");
    await user.click(await screen.findByRole("button", { name: "Abmelden" }));
    expect(await screen.findByText("Die Abmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.")).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Ihr Konto" })).toBeInTheDocument();
  });
});

describe("set password page", () => {
  const token = "einmal-token-0123456789";

  it("checks length and match, then posts the token from the link", async () => {
    const fetchStub = mockApi({ ...startPageRoutes, "POST /api/v1/auth/password": { status: 204, body: null } });
    const { user } = await renderApp(`/passwort-setzen#token=${token}`);
    expect(screen.getByRole("heading", { level: 1, name: "Passwort setzen" })).toBeVisible();
    await waitFor(() => { expect(document.title).toBe("Passwort setzen – Vergleichsring"); });

    const password = screen.getByLabelText("Neues Passwort");
    const repeat = screen.getByLabelText("Neues Passwort wiederholen");
    expect(password).toHaveAttribute("autocomplete", "new-password");
    expect(repeat).toHaveAttribute("autocomplete", "new-password");
    const save = screen.getByRole("button", { name: "Passwort speichern" });

    // Too short.
    await user.type(password, "zu-kurz");
    await user.type(repeat, "zu-kurz");
    await user.click(save);
    expect(password).toHaveFocus();
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAccessibleDescription(/Das Passwort muss mindestens 12 Zeichen lang sein\./);

    // Long enough, but the two entries differ.
    await user.clear(password);
    await user.type(password, "ein langer Satz als Passwort");
    await user.click(save);
    expect(password).not.toHaveAttribute("aria-invalid");
    expect(repeat).toHaveFocus();
    expect(repeat).toHaveAccessibleDescription("Die beiden Eingaben stimmen nicht überein.");
    expect(fetchStub).not.toHaveBeenCalledWith("/api/v1/auth/password", expect.anything());

    await user.clear(repeat);
    await user.type(repeat, "ein langer Satz als Passwort");
    await user.click(save);

    const success = await screen.findByRole("alert");
    expect(success).toHaveTextContent("Ihr Passwort ist gespeichert");
    expect(success).toHaveFocus();
    expect(within(success).getByRole("link", { name: "Zur Anmeldung" })).toHaveAttribute("href", "/anmelden");

    const request = requestTo(fetchStub, "/api/v1/auth/password");
    expect(request.method).toBe("POST");
    expect(request.json).toEqual({ token, password: "ein langer Satz als Passwort" });
  });

  it("says when the link is no longer valid", async () => {
    mockApi({
      ...startPageRoutes,
      "POST /api/v1/auth/password": {
        status: 422,
        body: {
          error: "validation_failed",
          detail: "Der Link ist ungültig, abgelaufen oder wurde schon benutzt.",
          errors: [{ loc: ["body", "token"], msg: "invalid or used", type: "error" }],
        },
      },
    });
    const { user } = await renderApp(`/passwort-setzen#token=${token}`);
    await user.type(screen.getByLabelText("Neues Passwort"), "ein langer Satz als Passwort");
    await user.type(screen.getByLabelText("Neues Passwort wiederholen"), "ein langer Satz als Passwort");
    await user.click(screen.getByRole("button", { name: "Passwort speichern" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Das Passwort wurde nicht gespeichert");
    expect(alert).toHaveTextContent("Der Link ist ungültig, abgelaufen oder wurde schon benutzt.");
    expect(alert).toHaveFocus();
  });

  it("explains a link without token", async () => {
    mockApi(startPageRoutes);
    await renderApp("/passwort-setzen");
    expect(screen.getByText("Der Link ist unvollständig")).toBeInTheDocument();
    expect(screen.queryByLabelText("Neues Passwort")).not.toBeInTheDocument();
    await screen.findByText(/Version 0\.1\.0/);
  });
});
