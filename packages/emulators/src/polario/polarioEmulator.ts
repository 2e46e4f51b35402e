import { createEmulator, type Emulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { type EmulatorOptions, resolveEmulatorOptions } from "../options"
import { createRouter } from "../router"
import { type IssuedJwt, randomToken } from "../tokens"
import { createPolarioAccounts, type PolarioAccount } from "./polarioAccounts"
import { createPolarioHandshakes } from "./polarioHandshakes"
import { idpPage } from "./polarioIdpPage"
import { type PolarioAccountStatus, polarioPeople, polarioStatuses } from "./polarioPeople"
import { deviceOf, platformOf, polarioError, readPolarioBody } from "./polarioRequest"
import { createPolarioSessions, type PolarioDeviceSession } from "./polarioSessions"
import { createPolarioSso, type PolarioSsoProvider } from "./polarioSso"
import {
  finishScramHandshake,
  parseClientFirst,
  type ScramServerHash,
  startScramHandshake,
  toBase64,
} from "./scramServer"

/** What the Polario emulator takes beyond the options every emulator takes. */
export interface PolarioEmulatorOptions extends EmulatorOptions {
  /** The SCRAM iteration count of every account; 4096 by default (real servers use far more, e.g. 600 000). */
  readonly iterations?: number
  /** The SCRAM hash; `SHA-256` by default. */
  readonly hash?: ScramServerHash
  /** Account statuses by e-mail; by default `carol@example.com` is locked and `dave@example.com` disabled. */
  readonly statuses?: Readonly<Record<string, PolarioAccountStatus>>
  /** How long a first message waits for its final one; 2 minutes by default. */
  readonly handshakeTtlMs?: number
  /** Whether sign-in answers carry the session JWT too, not only `POST /auth/session`; `true` by default. */
  readonly sendsSessionOnLogin?: boolean
  /** The SAML2 providers; one, `example-idp`, by default. */
  readonly ssoProviders?: readonly PolarioSsoProvider[]
  /**
   * The app route single sign-on returns to with `?code=`: absolute, or a path on the origin of the page the
   * browser left (its `Referer`), else of the emulator; `/polario/callback` by default.
   */
  readonly ssoReturnUrl?: string
  /** How long a single sign-on code can be exchanged; 2 minutes by default. */
  readonly ssoCodeTtlMs?: number
}

/** The Polario emulator, plus what tests and the demo may read. */
export interface PolarioEmulator extends Emulator {
  /** The devices an account (by e-mail) is signed in on. */
  devices(email: string): readonly PolarioDeviceSession[]
}

/** The one SAML2 provider of the default configuration. */
export const defaultPolarioSsoProviders: readonly PolarioSsoProvider[] = Object.freeze([
  { id: "example-idp", title: "Example Corp" },
])

/**
 * Creates an in-memory Polario server: SCRAM sign-in over JSON checked as a SCRAM server does (it keeps only
 * salts, iteration counts and keys), session JWTs in a response header, refresh tokens that answer 416 once dead,
 * and SAML2 single sign-on through a stand-in identity provider.
 *
 * @example
 * const clock = createEmulatorClock()
 * const polario = createPolarioEmulator({ clock, iterations: 4096 })
 * const response = await toFetch(polario)("http://localhost:8092/api/auth/default/sso-provider")
 */
export function createPolarioEmulator(options: PolarioEmulatorOptions = {}): PolarioEmulator {
  const resolved = resolveEmulatorOptions(
    { ...options, people: options.people ?? polarioPeople },
    { accessTokenTtlMs: 15 * 60_000, refreshTokenTtlMs: 30 * 24 * 60 * 60_000, rateLimit: false },
  )
  const { clock, random } = resolved
  const hash = options.hash ?? "SHA-256"
  const handshakeTtlMs = options.handshakeTtlMs ?? 120_000
  const sendsSessionOnLogin = options.sendsSessionOnLogin ?? true
  const providers = options.ssoProviders ?? defaultPolarioSsoProviders
  const accounts = createPolarioAccounts({
    people: resolved.people,
    statuses: options.statuses ?? polarioStatuses,
    iterations: options.iterations ?? 4096,
    hash,
    random,
  })
  const accountOf = (id: string) => accounts.all.find((account) => account.id === id)
  const handshakes = createPolarioHandshakes(clock)
  const sessions = createPolarioSessions({
    clock,
    random,
    accountOf,
    accessTtlMs: resolved.accessTokenTtlMs,
    refreshTtlMs: resolved.refreshTokenTtlMs,
  })
  const sso = createPolarioSso({ clock, random, codeTtlMs: options.ssoCodeTtlMs ?? 120_000 })

  /** An answer carrying a session JWT in the `Session` header, readable by browsers on other origins. */
  const withSession = (body: unknown, jwt: IssuedJwt | undefined) =>
    jsonResponse(body, {
      headers:
        jwt === undefined ? {} : { Session: jwt.token, "Access-Control-Expose-Headers": "Session" },
    })

  const refusalOf = (account: PolarioAccount) => {
    switch (account.status) {
      case "active":
        return undefined
      case "locked":
        return polarioError(403, "Account locked")
      case "disabled":
        return polarioError(403, "Account disabled")
      default:
        return account.status satisfies never
    }
  }

  const signedIn = async (account: PolarioAccount, request: Request, signature: string) => {
    const device = deviceOf(await readPolarioBody(request.clone()))
    const { deviceId, refreshToken, jwt } = await sessions.signIn(account, device)
    return withSession({ deviceId, refreshToken, signature }, sendsSessionOnLogin ? jwt : undefined)
  }

  const router = createRouter({ basePath: "/api" })
    .post("/auth/auth", async ({ request }) => {
      platformOf(request)
      const body = await readPolarioBody(request.clone())
      const email = body.text("email").trim()
      const clientNonce = body.text("nonce")
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) return polarioError(400, "Invalid email")
      const clientFirst = parseClientFirst(`n,,n=${escapeUsername(email)},r=${clientNonce}`)
      if (clientFirst === undefined) return polarioError(400, "Invalid nonce")
      if (clientNonce.length < 16 || handshakes.hasSeen(clientNonce))
        return polarioError(400, "Nonce rejected")
      const credentials = await accounts.credentialsFor(email)
      const handshake = startScramHandshake(
        clientFirst,
        randomToken({ bytes: 18, random }),
        credentials,
      )
      const expiresAt = clock.now() + handshakeTtlMs
      handshakes.open(clientNonce, { handshake, email, platform: platformOf(request), expiresAt })
      return jsonResponse({
        nonce: handshake.nonce,
        salt: toBase64(credentials.salt),
        iterationCount: credentials.iterations,
        expires: expiresAt,
      })
    })
    .post("/auth/login", async ({ request }) => {
      const platform = platformOf(request)
      const body = await readPolarioBody(request.clone())
      const email = body.text("email").trim()
      const lookup = handshakes.take(body.text("nonce"))
      switch (lookup.type) {
        case "pending":
          break
        case "expired":
          return polarioError(400, "Nonce expired")
        case "used":
          return polarioError(400, "Nonce already used")
        case "unknown":
          return polarioError(400, "Unknown nonce")
        default:
          return lookup satisfies never
      }
      const { pending } = lookup
      if (pending.email !== email) return polarioError(400, "Email does not match the nonce")
      if (pending.platform !== platform) return polarioError(400, "Platform does not match")
      const { handshake } = pending
      const outcome = await finishScramHandshake(
        handshake,
        `c=biws,r=${handshake.nonce},p=${body.text("proof")}`,
        hash,
      )
      const account = accounts.byEmail(email)
      if (!outcome.isProven || account === undefined)
        return polarioError(401, "Invalid email or password")
      return refusalOf(account) ?? signedIn(account, request, outcome.serverFinal.slice(2))
    })
    .post("/auth/session", async ({ request }) => {
      const body = await readPolarioBody(request)
      const renewed = await sessions.refresh(body.text("refreshToken"))
      if (renewed === undefined) return polarioError(416, "Refresh token invalid")
      return withSession({ deviceId: renewed.deviceId }, renewed.jwt)
    })
    .get("/auth/logout", async ({ request }) => {
      const session = await sessions.authenticate(request.headers.get("Session") ?? "")
      if (session === undefined) return polarioError(401, "Unauthorized")
      sessions.signOut(session.deviceId)
      return jsonResponse({ status: "ok" })
    })
    // Not Polario's: its published API names no authenticated call besides sign-out. The emulator's own, so that
    // an app (the demo's protected call) can watch the Session header, and a 401 once the JWT has expired.
    .get("/_emulator/whoami", async ({ request }) => {
      const session = await sessions.authenticate(request.headers.get("Session") ?? "")
      const account = session && accountOf(session.accountId)
      if (session === undefined || account === undefined) return polarioError(401, "Unauthorized")
      const { deviceId, os, osVersion, browser, deviceName } = session
      return jsonResponse({
        id: account.id,
        email: account.email,
        name: account.displayName,
        device: { deviceId, os, osVersion, browser, deviceName },
      })
    })
    .get("/auth/default/sso-provider", () =>
      jsonResponse(providers.map(({ id, title }) => ({ id, title, icon: null, type: "Saml2" }))),
    )
    .get("/auth/Saml2/:id", ({ request, url, params }) => {
      const provider = providers.find((candidate) => candidate.id === params.id)
      if (provider === undefined) return polarioError(404, "Unknown identity provider")
      if (!url.searchParams.get("origin")) return polarioError(400, "origin is required")
      const from = webUrl(request.headers.get("Referer"))
      const returnUrl = webUrl(options.ssoReturnUrl ?? "/polario/callback", from ?? url)
      if (returnUrl === undefined) return polarioError(500, "Invalid SSO return address")
      const backUrl = from?.href ?? new URL("/", returnUrl).href
      const relayState = sso.begin({ providerId: provider.id, returnUrl: returnUrl.href, backUrl })
      // Relative, so that the redirect works wherever the emulator is mounted.
      const idp = `../../_emulator/idp/${encodeURIComponent(provider.id)}?RelayState=${encodeURIComponent(relayState)}`
      return new Response(null, { status: 302, headers: { Location: idp } })
    })
    .get("/_emulator/idp/:id", ({ url, params }) => {
      const provider = providers.find((candidate) => candidate.id === params.id)
      const relayState = url.searchParams.get("RelayState") ?? ""
      const pending = sso.pending(relayState)
      if (provider === undefined || pending?.providerId !== provider.id)
        return htmlResponse("This sign-in has expired or was already used. Start again.", 400)
      const people = accounts.all.map(({ email, displayName }) => ({ email, displayName }))
      return htmlResponse(idpPage({ provider, people, relayState, backUrl: pending.backUrl }), 200)
    })
    .post("/_emulator/idp/:id", async ({ request }) => {
      const form = new URLSearchParams(await request.text().catch(() => ""))
      const account = accounts.byEmail(form.get("user") ?? "")
      const done = account && sso.finish(form.get("RelayState") ?? "", account.id)
      if (done === undefined) return htmlResponse("Choose a person to sign in as.", 400)
      const target = new URL(done.returnUrl)
      target.searchParams.set("code", done.code)
      return new Response(null, { status: 302, headers: { Location: target.href } })
    })
    .post("/auth/sso-code", async ({ request }) => {
      platformOf(request)
      const body = await readPolarioBody(request.clone())
      const accountId = sso.redeem(body.text("code"))
      const account = accountId === undefined ? undefined : accountOf(accountId)
      if (account === undefined) return polarioError(401, "Invalid code")
      return refusalOf(account) ?? signedIn(account, request, "")
    })

  const emulator = createEmulator({
    vendor: "polario",
    router,
    clock,
    people: resolved.people,
    requestLogCapacity: resolved.requestLogCapacity,
    notFound: () => polarioError(404, "Not found"),
    methodNotAllowed: () => polarioError(405, "Method not allowed"),
    internalError: () => polarioError(500, "Internal server error"),
  })
  return {
    ...emulator,
    devices: (email) => {
      const account = accounts.byEmail(email)
      return account === undefined ? [] : sessions.devices(account.id)
    },
  }
}

function escapeUsername(username: string): string {
  return username.replaceAll("=", "=3D").replaceAll(",", "=2C")
}

function webUrl(text: string | null, base?: URL): URL | undefined {
  if (!text) return undefined
  try {
    const url = new URL(text, base)
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined
  } catch {
    return undefined
  }
}

function htmlResponse(body: string, status: number): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } })
}
