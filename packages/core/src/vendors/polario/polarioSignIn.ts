import type { AdapterContext, SignInStep } from "../../adapter"
import { AuthError } from "../../authError"
import type { ScramHash } from "../../scram/deriveScramKeys"
import { createScramClient } from "../../scram/scramClient"
import { type SendOptions, send, sendJson } from "../../sendJson"
import { type PolarioDevice, polarioDeviceFields } from "./polarioDevice"
import type { PolarioStage } from "./polarioRefusal"
import {
  type PolarioCredentials,
  type PolarioLogin,
  polarioLoginSchema,
  polarioServerFirstSchema,
} from "./polarioSchemas"
import { polarioSession, sessionJwt } from "./polarioSession"

/** What the adapter was configured with, and how it talks to its server. */
export interface PolarioWire {
  readonly vendor: string
  readonly hash: ScramHash
  readonly minIterations: number | undefined
  readonly sessionHeader: string
  readonly lifetimeMs: number
  readonly userAgent: string | (() => string | undefined) | undefined
  readonly device: Partial<PolarioDevice> | undefined
  post(path: string, body: Record<string, unknown>): Request
  reading(stage: PolarioStage, email?: string): SendOptions
}

/*
 * The sign-in half of the adapter (SCRAM, single sign-on codes, device fields), loaded on demand by
 * `polarioAdapter`: a page that only restores a session never needs it.
 */

/**
 * Signs in with SCRAM in exactly two requests (`/auth/auth`, `/auth/login`), keeping the answer only once the
 * server's signature proved it holds the password's keys.
 */
export async function polarioScramSignIn(
  ctx: AdapterContext,
  wire: PolarioWire,
  email: string,
  password: string,
): Promise<SignInStep<PolarioCredentials>> {
  const { vendor } = wire
  const subtle = ctx.subtle
  if (!subtle) throw new AuthError("unsupported", { vendor })
  const scram = createScramClient({
    username: email,
    password,
    hash: wire.hash,
    minIterations: wire.minIterations,
    vendor,
    crypto: {
      subtle,
      getRandomValues: (array) => {
        array.set(ctx.randomBytes(array.length))
        return array
      },
    },
  })
  // A password SASLprep prohibits is refused here, before any request.
  await scram.ready
  const { body: first } = await sendJson(
    ctx,
    wire.post("/auth/auth", { email, nonce: scram.clientNonce }),
    polarioServerFirstSchema,
    wire.reading("serverFirst", email),
  )
  const final = await scram.receiveServerFirst(
    `r=${first.nonce},s=${first.salt},i=${first.iterationCount}`,
  )
  const proof = final.slice(final.lastIndexOf(",p=") + 3)
  const issuedAt = ctx.now()
  const { body: login, response } = await sendJson(
    ctx,
    wire.post("/auth/login", { email, nonce: first.nonce, proof, ...deviceFields(wire) }),
    polarioLoginSchema,
    wire.reading("login", email),
  )
  // Only base64 is a signature: anything else must not reach the SCRAM parser as extra attributes.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(login.signature))
    throw new AuthError("scram_server_signature_mismatch", { vendor })
  // Nothing is kept until the server has proved it knows the password's keys.
  await scram.receiveServerFinal(`v=${login.signature}`)
  return signedIn(ctx, wire, login, response, issuedAt, email)
}

/** Exchanges the single-use code a SAML2 round trip brought back (`/auth/sso-code`). */
export async function polarioSsoSignIn(
  ctx: AdapterContext,
  wire: PolarioWire,
  code: string,
): Promise<SignInStep<PolarioCredentials>> {
  const issuedAt = ctx.now()
  const { body, response } = await sendJson(
    ctx,
    wire.post("/auth/sso-code", { code, ...deviceFields(wire) }),
    polarioLoginSchema,
    wire.reading("ssoCode"),
  )
  return signedIn(ctx, wire, body, response, issuedAt, undefined)
}

/** The session of a login answer: its JWT header, else one more request that brings it. */
async function signedIn(
  ctx: AdapterContext,
  wire: PolarioWire,
  login: PolarioLogin,
  response: Response,
  issuedAt: number,
  email: string | undefined,
): Promise<SignInStep<PolarioCredentials>> {
  let jwt = response.headers.get(wire.sessionHeader)?.trim()
  let since = issuedAt
  if (!jwt) {
    since = ctx.now()
    const request = wire.post("/auth/session", { refreshToken: login.refreshToken })
    jwt = sessionJwt(await send(ctx, request, wire.reading("refresh")), wire.sessionHeader)
  }
  const { lifetimeMs } = wire
  return {
    type: "signedIn",
    session: polarioSession({ ...login, jwt, email, issuedAt: since, lifetimeMs }),
  }
}

function deviceFields(wire: PolarioWire): Record<string, string> {
  const { userAgent } = wire
  return polarioDeviceFields(typeof userAgent === "function" ? userAgent() : userAgent, wire.device)
}
