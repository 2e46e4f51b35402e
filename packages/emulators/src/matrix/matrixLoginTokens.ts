import type { Clock } from "../clock"
import { jsonResponse } from "../jsonResponse"
import type { DemoPerson } from "../people"
import type { RandomBytes } from "../randomBytes"
import type { Router } from "../router"
import { randomToken } from "../tokens"
import { matrixError } from "./matrixError"
import { findPerson, type IdentifierDirectory } from "./matrixIdentifier"
import { optionalObject, optionalString, readJsonObject, requiredString } from "./matrixRequestBody"

/** Single-use `m.login.token` tokens, each for one user until it expires. */
export interface MatrixLoginTokens {
  issue(userId: string, ttlMs: number): string
  /** The user a token signs in, once; `undefined` when unknown, used or expired. */
  consume(token: string): string | undefined
}

/**
 * Creates the store of login tokens that single sign-on and `get_token` issue and `m.login.token` consumes.
 *
 * @example
 * const tokens = createMatrixLoginTokens(clock, random)
 * const userId = tokens.consume(tokens.issue("@alice:localhost", 120_000))
 */
export function createMatrixLoginTokens(clock: Clock, random: RandomBytes): MatrixLoginTokens {
  const tokens = new Map<string, { userId: string; expiresAt: number }>()
  return {
    issue(userId, ttlMs) {
      const token = randomToken({ prefix: "syl_", random })
      tokens.set(token, { userId, expiresAt: clock.now() + ttlMs })
      return token
    },
    consume(token) {
      const grant = tokens.get(token)
      tokens.delete(token)
      return grant !== undefined && clock.now() < grant.expiresAt ? grant.userId : undefined
    },
  }
}

/** What `POST /login/get_token` needs from the homeserver around it. */
export interface MatrixGetTokenDependencies {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly directory: IdentifierDirectory
  readonly offersLoginTokens: boolean
  readonly loginTokenTtlMs: number
  readonly loginTokens: MatrixLoginTokens
  /** The signed-in user making the request; throws the spec's 401 otherwise. */
  authenticate(request: Request, url: URL): { readonly userId: string }
  personById(userId: string): DemoPerson | undefined
}

/** UIA sessions are forgotten after this long. */
const uiaSessionTtlMs = 10 * 60 * 1000

/**
 * Adds `POST /login/get_token` (MSC3882, spec v1.7) to a Matrix router: a signed-in user proves their password
 * again through user-interactive authentication, and gets a short-lived login token for another device.
 *
 * @example
 * matrixGetTokenRoute(router, { clock, random, directory, offersLoginTokens: true, loginTokenTtlMs: 120_000, loginTokens, authenticate, personById })
 */
export function matrixGetTokenRoute(router: Router, deps: MatrixGetTokenDependencies): Router {
  const { clock, random, directory } = deps
  const uiaSessions = new Map<string, { userId: string; expiresAt: number }>()
  const newUiaSession = (userId: string) => {
    const session = randomToken({ bytes: 12, random })
    uiaSessions.set(session, { userId, expiresAt: clock.now() + uiaSessionTtlMs })
    return session
  }
  // A wrong password re-prompts with the same session, saying why and that nothing was completed.
  const uiaChallenge = (session: string, failure?: { errcode: string; error: string }) =>
    jsonResponse(
      {
        flows: [{ stages: [passwordLogin] }],
        params: {},
        session,
        ...(failure ? { completed: [], ...failure } : {}),
      },
      { status: 401 },
    )

  return router.post("/_matrix/client/v1/login/get_token", async ({ request, url }) => {
    const { userId } = deps.authenticate(request, url)
    const body = await readJsonObject(request)
    if (!deps.offersLoginTokens)
      return matrixError(400, "M_FORBIDDEN", "Login tokens are not enabled on this server.")
    const auth = optionalObject(body, "auth")
    const sessionId = auth === undefined ? undefined : optionalString(auth, "session")
    const session = sessionId === undefined ? undefined : uiaSessions.get(sessionId)
    if (
      auth === undefined ||
      sessionId === undefined ||
      session === undefined ||
      session.userId !== userId ||
      clock.now() >= session.expiresAt
    ) {
      return uiaChallenge(newUiaSession(userId))
    }
    const type = optionalString(auth, "type")
    if (type !== passwordLogin)
      return matrixError(400, "M_UNRECOGNIZED", "Unrecognised authentication type.")
    const password = requiredString(auth, "password")
    const person = findPerson(directory, auth)
    const owner = deps.personById(userId)
    if (person === undefined || person !== owner || person.password !== password) {
      return uiaChallenge(sessionId, { errcode: "M_FORBIDDEN", error: "Invalid password" })
    }
    // Each token needs fresh consent: the session is used up, the next call is challenged again.
    uiaSessions.delete(sessionId)
    return jsonResponse({
      login_token: deps.loginTokens.issue(userId, deps.loginTokenTtlMs),
      expires_in_ms: deps.loginTokenTtlMs,
    })
  })
}

const passwordLogin = "m.login.password"
