import { setMaxListeners } from "node:events"
import { alice, createEmulator, createRouter, jsonResponse } from "@latchkey/emulators"
import { serve } from "@latchkey/emulators/node"
import { createClient, HttpApiEvent } from "matrix-js-sdk"
import { type Logger, logger as rootLogger } from "matrix-js-sdk/lib/logger.js"
import { type BenchServer, benchServer } from "./benchClient"
import { scenarioOf } from "./scenarios"

/** How matrix-js-sdk holds the session: as a password login gives it, or as an OAuth 2.0 (next-gen auth) client. */
export type MatrixJsSdkSession = "passwordLogin" | "oauth"

/** What matrix-js-sdk did with a burst of calls on an expired token. */
export interface MatrixJsSdkFanIn {
  readonly session: MatrixJsSdkSession
  readonly calls: number
  readonly refreshRequests: number
  readonly requests: number
  readonly answered: number
  /** `Session.logged_out` events the SDK emitted. */
  readonly loggedOutEvents: number
  readonly wallMs: number
}

const homeserver = "https://matrix.test"
const refreshPath = "/_matrix/client/v3/refresh"

const silent: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  getChild: () => silent,
}

/** The SDK's `fetchFn`: every request through the emulator's counting door. */
const sdkFetch =
  (server: BenchServer): typeof fetch =>
  (input, init) =>
    server.door.fetch(new Request(input, init))

/**
 * A stand-in for the homeserver's OAuth 2.0 authorization server, served on loopback (the SDK's refresher calls the
 * global `fetch`, which no option replaces): its token endpoint turns a refresh-token grant into the homeserver's
 * own `POST /refresh` through the same door, so the emulator counts it like any refresh.
 */
async function oauthStandIn(server: BenchServer) {
  const router = createRouter().post("/oauth2/token", async ({ request }) => {
    const form = new URLSearchParams(await request.text())
    const answer = await server.door.fetch(
      new Request(`${homeserver}${refreshPath}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: form.get("refresh_token") }),
      }),
    )
    const body: { access_token?: string; refresh_token?: string; expires_in_ms?: number } =
      await answer.json()
    if (!answer.ok) return jsonResponse({ error: "invalid_grant" }, { status: 400 })
    return jsonResponse({
      token_type: "Bearer",
      access_token: body.access_token,
      refresh_token: body.refresh_token,
      expires_in: (body.expires_in_ms ?? 0) / 1000,
    })
  })
  const served = await serve(createEmulator({ vendor: "oauth", router, clock: server.clock }))
  const metadata = {
    issuer: `${served.url}/`,
    authorization_endpoint: `${served.url}/oauth2/authorize`,
    token_endpoint: `${served.url}/oauth2/token`,
    revocation_endpoint: `${served.url}/oauth2/revoke`,
    registration_endpoint: `${served.url}/oauth2/register`,
    response_modes_supported: ["query", "fragment"],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
  }
  const inner = sdkFetch(server)
  // The homeserver announces its authorization server at /auth_metadata; the emulator has none, so this does.
  const fetchFn: typeof fetch = (input, init) =>
    String(input).includes("/_matrix/client/v1/auth_metadata")
      ? Promise.resolve(jsonResponse(metadata))
      : inner(input, init)
  return { fetchFn, close: served.close }
}

/**
 * Drives matrix-js-sdk against the same Matrix emulator as Latchkey: Alice logs in with a refresh token, the access
 * token expires, and `calls` `whoami` calls go out at once; the emulator counts the refresh requests.
 * @example
 * const { refreshRequests } = await matrixJsSdkFanIn({ calls: 1000, session: "oauth" })
 */
export async function matrixJsSdkFanIn(options: {
  readonly calls: number
  readonly session: MatrixJsSdkSession
}): Promise<MatrixJsSdkFanIn> {
  // The SDK adds an abort listener per request to one signal; a thousand are expected here, not a leak.
  setMaxListeners(options.calls * 2 + 10)
  if ("setLevel" in rootLogger && typeof rootLogger.setLevel === "function")
    rootLogger.setLevel("silent")
  const server = benchServer(scenarioOf("matrix"), { accessTokenTtlMs: 600_000 })
  const standIn = options.session === "oauth" ? await oauthStandIn(server) : undefined
  try {
    const fetchFn = standIn?.fetchFn ?? sdkFetch(server)
    const login: {
      access_token: string
      refresh_token: string
      user_id: string
      device_id: string
    } = await (
      await fetchFn(`${homeserver}/_matrix/client/v3/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          type: "m.login.password",
          identifier: { type: "m.id.user", user: alice.matrixUserId },
          password: alice.password,
          refresh_token: true,
        }),
      })
    ).json()
    const client = createClient({
      baseUrl: homeserver,
      fetchFn,
      logger: silent,
      accessToken: login.access_token,
      refreshToken: login.refresh_token,
      userId: login.user_id,
      deviceId: login.device_id,
      ...(options.session === "oauth" ? { oauthClientId: "bench", onTokenRefresh: () => {} } : {}),
    })
    let loggedOutEvents = 0
    client.on(HttpApiEvent.SessionLoggedOut, () => {
      loggedOutEvents += 1
    })
    server.clock.jump(3_600_000)
    const requestsBefore = server.door.count()
    const startedAt = performance.now()
    const answers = await Promise.allSettled(
      Array.from({ length: options.calls }, () => client.whoami()),
    )
    const wallMs = performance.now() - startedAt
    client.stopClient()
    return {
      session: options.session,
      calls: options.calls,
      refreshRequests: server.door.count(refreshPath),
      requests: server.door.count() - requestsBefore,
      answered: answers.filter((answer) => answer.status === "fulfilled").length,
      loggedOutEvents,
      wallMs,
    }
  } finally {
    await standIn?.close()
  }
}
