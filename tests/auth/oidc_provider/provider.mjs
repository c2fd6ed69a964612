// A real OpenID Connect provider for the single sign-on tests: panva/oidc-provider, certified
// by the OpenID Foundation, with one confidential client, PKCE required, a small account table
// and an automated interaction (no HTML form to drive). Version 8.8.1 is the newest that
// supports Node 20 (the 9.x line wants Node 22 LTS and warns otherwise).
//
//   node provider.mjs [port]        port 0 (the default) picks a free port
//
// Environment: OIDC_PORT (instead of the argument), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URIS (space separated), OIDC_ROLE_CLAIM (default "vergleichsring").
// When ready it prints one JSON line on stdout: {"issuer": "...", "port": ...}; every other
// output goes to stderr. It binds to 127.0.0.1 only and exits when stdin closes or the parent
// process goes away.
//
// The interaction route /interaction/<uid> finishes the login with the account named by the
// query parameter `account` (or the cookie `test_account`) and grants consent for whatever
// scopes and claims the client asked for. An unknown account ends in `access_denied`.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";

import Provider from "oidc-provider";

// Keep stdout for the ready line alone; the provider's notices go to stderr.
console.log = console.error;
console.info = console.error;

const HOST = "127.0.0.1";
const port = Number(process.argv[2] ?? process.env.OIDC_PORT ?? 0);
const clientId = process.env.OIDC_CLIENT_ID ?? "vergleichsring";
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "vergleichsring-test-secret";
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? "http://testserver/api/v1/auth/oidc/callback")
  .split(/\s+/)
  .filter(Boolean);
const roleClaim = process.env.OIDC_ROLE_CLAIM ?? "vergleichsring";

// Account id (the `sub`) → claims. The emails match the seeded demo accounts of the tests.
const ACCOUNTS = {
  moderation: { email: "moderation@example.org", email_verified: true },
  "koordination-koeln": { email: "koordination-05315000@example.org", email_verified: true },
  "lesen-koeln": {
    email: "lesen-05315000@example.org",
    email_verified: true,
    roles: [
      "coordinator:09162000", // München: known city, granted
      "viewer:99999999", // unknown AGS: ignored
      "moderator:05315000", // not a city role: ignored
      "admin", // malformed: ignored
    ],
  },
  unbekannt: { email: "unbekannt@example.org", email_verified: true },
  unverifiziert: { email: "moderation@example.org", email_verified: false },
  "ohne-email": {},
};

function findAccount(_ctx, sub) {
  const account = ACCOUNTS[sub];
  if (!account) return undefined;
  return {
    accountId: sub,
    async claims() {
      const claims = { sub };
      if (account.email !== undefined) {
        claims.email = account.email;
        claims.email_verified = account.email_verified;
      }
      if (account.roles) claims[roleClaim] = account.roles;
      return claims;
    },
  };
}

function signingKeys() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" }] };
}

function configuration() {
  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      [roleClaim]: [roleClaim],
    },
    // Put the scope's claims into the ID token (the platform reads no userinfo).
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: { devInteractions: { enabled: false } },
    findAccount,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: signingKeys(),
    pkce: { required: () => true },
    ttl: { IdToken: 3600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
  };
}

function requestedAccount(req) {
  const fromQuery = new URL(req.url, `http://${HOST}`).searchParams.get("account");
  if (fromQuery) return fromQuery;
  const cookie = (req.headers.cookie ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === "test_account");
  return cookie ? decodeURIComponent(cookie[1] ?? "") : null;
}

async function grantConsent(provider, details) {
  const { grantId, session, params, prompt } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  return grant.save();
}

async function interaction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === "login") {
    const account = requestedAccount(req);
    const result = ACCOUNTS[account]
      ? { login: { accountId: account } }
      : { error: "access_denied", error_description: `unknown test account ${account}` };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  } else if (details.prompt.name === "consent") {
    const result = { consent: { grantId: await grantConsent(provider, details) } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  } else {
    res.writeHead(501).end(`prompt ${details.prompt.name} not implemented`);
  }
}

function exitWithParent() {
  const parent = process.ppid;
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("close", () => process.exit(0));
  process.stdin.resume();
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
}

let handle = (_req, res) => res.writeHead(503).end();
const server = createServer((req, res) => handle(req, res));
server.listen(port, HOST, () => {
  const chosen = server.address().port;
  const issuer = `http://${HOST}:${chosen}`;
  const provider = new Provider(issuer, configuration());
  const callback = provider.callback();
  handle = (req, res) => {
    if (req.method === "GET" && req.url.startsWith("/interaction/")) {
      interaction(provider, req, res).catch((err) => {
        console.error(err);
        if (!res.headersSent) res.writeHead(400).end(String(err));
      });
      return;
    }
    callback(req, res);
  };
  process.stdout.write(`${JSON.stringify({ issuer, port: chosen, client_id: clientId })}\n`);
});
exitWithParent();
