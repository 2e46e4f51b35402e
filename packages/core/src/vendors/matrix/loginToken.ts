import type { AdapterContext } from "../../adapter"
import { createReadingContext } from "../../adapterContext"
import type { AuthClient } from "../../authClient"
import { AuthError } from "../../authError"
import { parseJson, type Refusal, readJson } from "../../sendJson"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import { matrixFailure, matrixVendor } from "./matrixFailure"
import {
  capabilitiesSchema,
  loginTokenSchema,
  type MatrixCredentials,
  type UserInteractiveAuth,
  userInteractiveAuthSchema,
} from "./matrixSchemas"

/** A single-use token another device signs in with (`m.login.token`). */
export interface LoginToken {
  readonly token: string
  /** How long the homeserver accepts it, from when it answered. */
  readonly expiresInMs: number
}

const getTokenPath = "/_matrix/client/v1/login/get_token"
const passwordStage = "m.login.password"

/**
 * Whether the signed-in user may create login tokens (`m.get_login_token` capability).
 *
 * @example
 * if (await canCreateLoginToken(client)) showSignInAnotherDevice()
 */
export async function canCreateLoginToken(client: AuthClient<MatrixCredentials>): Promise<boolean> {
  const response = await client.fetch(`${homeserver(client)}/_matrix/client/v3/capabilities`)
  const ctx = createReadingContext(client.platform, matrixVendor)
  if (!response.ok) throw matrixFailure(await readRefusal(ctx, response), ctx.now())
  const body = await readJson(ctx, response, capabilitiesSchema, matrixVendor)
  return body.capabilities["m.get_login_token"]?.enabled === true
}

/**
 * Creates a login token for signing in on another device, proving the password again
 * (user-interactive auth; the homeserver asks every time). A wrong password rejects with
 * `invalid_credentials`; call again to retry.
 *
 * @example
 * const { token, expiresInMs } = await createLoginToken(client, { password })
 */
export async function createLoginToken(
  client: AuthClient<MatrixCredentials>,
  { password }: { password: string },
): Promise<LoginToken> {
  const url = `${homeserver(client)}${getTokenPath}`
  const ctx = createReadingContext(client.platform, matrixVendor)
  const challenge = await postJson(client, url, {})
  if (challenge.ok) return readToken(ctx, challenge)
  const asked = await readRefusal(ctx, challenge)
  const uia = challengeOf(asked)
  if (!uia) throw matrixFailure(asked, ctx.now())
  const canUsePassword = uia.flows.some(
    (flow) => flow.stages.length === 1 && flow.stages[0] === passwordStage,
  )
  if (!canUsePassword) throw new AuthError("unsupported", { vendor: matrixVendor, status: 401 })
  const userId = client.getSnapshot().session?.credentials.userId ?? ""
  const answer = await postJson(client, url, {
    auth: {
      type: passwordStage,
      identifier: { type: "m.id.user", user: userId },
      password,
      ...(uia.session === undefined ? {} : { session: uia.session }),
    },
  })
  if (answer.ok) return readToken(ctx, answer)
  const refused = await readRefusal(ctx, answer)
  const retry = challengeOf(refused)
  // Challenged again: the password did not pass the stage.
  if (retry) {
    throw new AuthError("invalid_credentials", {
      vendor: matrixVendor,
      status: 401,
      vendorCode: retry.errcode,
      fields: ["password"],
    })
  }
  throw matrixFailure(refused, ctx.now())
}

/**
 * Signs a client in with a login token made on another device (`m.login.token`), through a normal
 * sign-in flow, so the session is installed, stored and announced like any other.
 * `server` names the homeserver when the adapter does not fix one.
 *
 * @example
 * const snapshot = await signInWithLoginToken(client, { token, server: "example.org" })
 * if (snapshot.step === "done") navigateHome()
 */
export async function signInWithLoginToken(
  client: AuthClient<MatrixCredentials>,
  { token, server }: { token: string; server?: string | undefined },
): Promise<SignInFlowSnapshot> {
  const flow = client.signIn({ server })
  const started = await new Promise<SignInFlowSnapshot>((resolve) => {
    const check = () => {
      const snapshot = flow.getSnapshot()
      if (snapshot.step === "discovering") return
      unsubscribe()
      resolve(snapshot)
    }
    const unsubscribe = flow.subscribe(check)
    check()
  })
  if (started.step !== "start") return started
  return flow.submitLoginToken(token)
}

function homeserver(client: AuthClient<MatrixCredentials>): string {
  const session = client.getSnapshot().session
  if (!session) throw new AuthError("not_signed_in", { vendor: matrixVendor })
  return session.credentials.homeserver
}

function postJson(client: AuthClient<MatrixCredentials>, url: string, body: unknown) {
  return client.fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  })
}

async function readToken(ctx: AdapterContext, response: Response): Promise<LoginToken> {
  const body = await readJson(ctx, response, loginTokenSchema, matrixVendor)
  return { token: body.login_token, expiresInMs: body.expires_in_ms }
}

/** Reads a refused answer's body once: an outage while reading it fails as one (`timeout`, `network`). */
async function readRefusal(ctx: AdapterContext, response: Response): Promise<Refusal> {
  const { status, headers } = response
  return { status, headers, json: parseJson(await ctx.readText(response)) }
}

/** The user-interactive-auth challenge a 401 carries, if it is one. */
function challengeOf(refusal: Refusal): UserInteractiveAuth | undefined {
  if (refusal.status !== 401) return undefined
  const result = userInteractiveAuthSchema.safeParse(refusal.json)
  return result.success ? result.data : undefined
}
