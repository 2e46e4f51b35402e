import * as v from "../../schema"

const nonEmpty = () => v.string().check(v.minLength(1))

/** Every Polario refusal: `{ error }` with the HTTP status. */
export const polarioErrorSchema = v.object({ error: v.string() })

/**
 * The answer to `POST /auth/auth`, the SCRAM server-first message in JSON; `expires` is read by no one. The nonce is
 * SCRAM-printable and the salt base64: a comma in either would smuggle an attribute (`e=`, `m=`) into the message
 * the client checks.
 */
export const polarioServerFirstSchema = v.object({
  nonce: v.string().check(v.regex(/^[\x21-\x2b\x2d-\x7e]+$/)),
  salt: v.string().check(v.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
  iterationCount: v.int(),
  expires: v.optional(v.unknown()),
})

/** The answer to `POST /auth/login` (and `/auth/sso-code`, whose `signature` is empty). */
export const polarioLoginSchema = v.object({
  deviceId: nonEmpty(),
  refreshToken: nonEmpty(),
  signature: v.string(),
})
export type PolarioLogin = v.infer<typeof polarioLoginSchema>

/** The answer to `POST /auth/session`; the new session JWT travels in a response header. */
export const polarioRefreshSchema = v.object({ deviceId: v.optional(v.string()) })

/** One entry of `GET /auth/default/sso-provider`. */
export const polarioSsoProvidersSchema = v.array(
  v.object({
    id: v.union([nonEmpty(), v.number()]),
    title: v.string(),
    icon: v.optional(v.nullable(v.string())),
    type: v.string(),
  }),
)

/** The claims of the session JWT the adapter reads (never verifies: that is the server's business). */
export const polarioClaimsSchema = v.object({
  exp: v.optional(v.unknown()),
  sub: v.optional(v.unknown()),
  email: v.optional(v.unknown()),
  name: v.optional(v.unknown()),
})

/** The credentials Latchkey keeps for a Polario session. */
export const polarioCredentialsSchema = v.object({
  jwt: nonEmpty(),
  refreshToken: nonEmpty(),
  deviceId: nonEmpty(),
})
export type PolarioCredentials = v.infer<typeof polarioCredentialsSchema>
