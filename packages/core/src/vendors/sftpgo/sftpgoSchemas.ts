import * as v from "../../schema"

/** SFTPGo's `ApiResponse`, the body of every answer but a token or a profile. */
export const apiResponseSchema = v.object({
  message: v.optional(v.string()),
  error: v.optional(v.string()),
})
export type ApiResponse = v.infer<typeof apiResponseSchema>

/** An RFC 3339 date-time, as Go writes it (fractional seconds up to nanoseconds, `Z` or an offset). */
const rfc3339Schema = v
  .string()
  .check(v.regex(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/))

/** What `GET /token` and `GET /user/token` answer. */
export const tokenSchema = v.object({
  access_token: v.string().check(v.minLength(1)),
  expires_at: rfc3339Schema,
})

/** The part of `AdminProfile` and `UserProfile` the adapter reads. */
export const profileSchema = v.object({ email: v.optional(v.string()) })

/** The credentials Latchkey keeps for an SFTPGo session: the bearer token, nothing else. */
export const sftpgoCredentialsSchema = v.object({ accessToken: v.string().check(v.minLength(1)) })
export type SftpgoCredentials = v.infer<typeof sftpgoCredentialsSchema>

/** Reads an RFC 3339 date-time as epoch ms; fractional seconds beyond milliseconds are dropped. */
export function parseRfc3339(text: string): number | undefined {
  const time = Date.parse(text.replace(/(\.\d{3})\d+/, "$1"))
  return Number.isFinite(time) ? time : undefined
}
