import * as z from "zod/mini"

/**
 * Every Cloudreve answer, success or failure, is this envelope (and HTTP 200): `code` 0 is success.
 * `error` (a raw server message on servers not in release mode) is deliberately not read: it may echo input.
 */
export const cloudreveEnvelopeSchema = z.object({
  code: z.number(),
  data: z.optional(z.unknown()),
  msg: z.string(),
  correlation_id: z.optional(z.nullable(z.string())),
})
export type CloudreveEnvelope = z.infer<typeof cloudreveEnvelopeSchema>

/** An RFC 3339 date-time, as Go writes it (fractional seconds up to nanoseconds, `Z` or an offset). */
const rfc3339Schema = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/))

/** The pair of tokens a sign-in or a refresh hands out. */
export const cloudreveTokenSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  access_expires: rfc3339Schema,
  refresh_expires: rfc3339Schema,
})
export type CloudreveToken = z.infer<typeof cloudreveTokenSchema>

/** The signed-in user, as `/session/token` and `/user/me` describe them; ids are hash ids (text). */
export const cloudreveUserSchema = z.object({
  id: z.union([z.string().check(z.minLength(1)), z.number()]),
  email: z.optional(z.nullable(z.string())),
  nickname: z.optional(z.nullable(z.string())),
})
export type CloudreveUser = z.infer<typeof cloudreveUserSchema>

/** What a completed sign-in (password or second factor) returns. */
export const cloudreveLoginSchema = z.object({
  user: cloudreveUserSchema,
  token: cloudreveTokenSchema,
})

/** The 2FA session id a `203` answer carries as its bare `data`. */
export const cloudreveTwoFactorSessionSchema = z.string().check(z.minLength(1))

/** The login section of the site configuration: whether the sign-in form needs a captcha, and which. */
export const cloudreveLoginConfigSchema = z.object({
  login_captcha: z.optional(z.nullable(z.boolean())),
  captcha_type: z.optional(z.nullable(z.string())),
  captcha_ReCaptchaKey: z.optional(z.nullable(z.string())),
  turnstile_site_id: z.optional(z.nullable(z.string())),
})
export type CloudreveLoginConfig = z.infer<typeof cloudreveLoginConfigSchema>

/** An image captcha: a base64 data image and the ticket that names it. */
export const cloudreveCaptchaSchema = z.object({
  image: z.string().check(z.regex(/^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=]+$/)),
  ticket: z.string().check(z.minLength(1)),
})

/** The answer to a sign-out: `""`, or a page to visit to end a single sign-on session too. */
export const cloudreveSignOutSchema = z.optional(z.nullable(z.string()))

/** The credentials Latchkey keeps for a Cloudreve session. */
export const cloudreveCredentialsSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
})
export type CloudreveCredentials = z.infer<typeof cloudreveCredentialsSchema>

/** Reads an RFC 3339 date-time as epoch ms; fractional seconds beyond milliseconds are dropped. */
export function parseRfc3339(text: string): number | undefined {
  const trimmed = text.replace(/(\.\d{3})\d+/, "$1")
  const time = Date.parse(trimmed)
  return Number.isFinite(time) ? time : undefined
}
