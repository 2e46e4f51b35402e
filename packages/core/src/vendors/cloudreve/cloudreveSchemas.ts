import * as v from "../../schema"

/**
 * Every Cloudreve answer, success or failure, is this envelope (and HTTP 200): `code` 0 is success.
 * `error` (a raw server message on servers not in release mode) is deliberately not read: it may echo input.
 */
export const cloudreveEnvelopeSchema = v.object({
  code: v.number(),
  data: v.optional(v.unknown()),
  msg: v.string(),
  correlation_id: v.optional(v.nullable(v.string())),
})
export type CloudreveEnvelope = v.infer<typeof cloudreveEnvelopeSchema>

/** An RFC 3339 date-time, as Go writes it (fractional seconds up to nanoseconds, `Z` or an offset). */
const rfc3339Schema = v
  .string()
  .check(v.regex(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/))

/** The pair of tokens a sign-in or a refresh hands out. */
export const cloudreveTokenSchema = v.object({
  access_token: v.string().check(v.minLength(1)),
  refresh_token: v.string().check(v.minLength(1)),
  access_expires: rfc3339Schema,
  refresh_expires: rfc3339Schema,
})
export type CloudreveToken = v.infer<typeof cloudreveTokenSchema>

/** The signed-in user, as `/session/token` and `/user/me` describe them; ids are hash ids (text). */
export const cloudreveUserSchema = v.object({
  id: v.union([v.string().check(v.minLength(1)), v.number()]),
  email: v.optional(v.nullable(v.string())),
  nickname: v.optional(v.nullable(v.string())),
})
export type CloudreveUser = v.infer<typeof cloudreveUserSchema>

/** What a completed sign-in (password or second factor) returns. */
export const cloudreveLoginSchema = v.object({
  user: cloudreveUserSchema,
  token: cloudreveTokenSchema,
})

/** The 2FA session id a `203` answer carries as its bare `data`. */
export const cloudreveTwoFactorSessionSchema = v.string().check(v.minLength(1))

/** The login section of the site configuration: whether the sign-in form needs a captcha, and which. */
export const cloudreveLoginConfigSchema = v.object({
  login_captcha: v.optional(v.nullable(v.boolean())),
  captcha_type: v.optional(v.nullable(v.string())),
  captcha_ReCaptchaKey: v.optional(v.nullable(v.string())),
  turnstile_site_id: v.optional(v.nullable(v.string())),
})
export type CloudreveLoginConfig = v.infer<typeof cloudreveLoginConfigSchema>

/** An image captcha: a base64 data image and the ticket that names it. */
export const cloudreveCaptchaSchema = v.object({
  image: v.string().check(v.regex(/^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=]+$/)),
  ticket: v.string().check(v.minLength(1)),
})

/** The answer to a sign-out: `""`, or a page to visit to end a single sign-on session too. */
export const cloudreveSignOutSchema = v.optional(v.nullable(v.string()))

/** The credentials Latchkey keeps for a Cloudreve session. */
export const cloudreveCredentialsSchema = v.object({
  accessToken: v.string().check(v.minLength(1)),
  refreshToken: v.string().check(v.minLength(1)),
})
export type CloudreveCredentials = v.infer<typeof cloudreveCredentialsSchema>

/** Reads an RFC 3339 date-time as epoch ms; fractional seconds beyond milliseconds are dropped. */
export function parseRfc3339(text: string): number | undefined {
  const trimmed = text.replace(/(\.\d{3})\d+/, "$1")
  const time = Date.parse(trimmed)
  return Number.isFinite(time) ? time : undefined
}
