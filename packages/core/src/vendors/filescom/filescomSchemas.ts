import * as v from "../../schema"

/**
 * A created session (`201` to `POST /sessions`). Only `id` is read: it authenticates later calls as
 * `X-FilesAPI-Auth`; `language`, `read_only` and the fields older servers add say nothing about signing in.
 */
export const filescomSessionSchema = v.object({ id: v.string().check(v.minLength(1)) })

/** Files.com's error body, as far as the adapter reads it: `data` depends on `type`. */
export const filescomErrorSchema = v.object({
  type: v.string(),
  data: v.optional(v.unknown()),
})
export type FilescomErrorBody = v.infer<typeof filescomErrorSchema>

/** The `data` of a `two-factor-authentication-error`: the partial session and the user's methods, in order. */
export const twoFactorDataSchema = v.object({
  partial_session_id: v.string().check(v.minLength(1)),
  two_factor_authentication_methods: v.array(v.string()).check(v.minLength(1)),
})

/** The `data` of a `lockout-region-mismatch`: the host the site must be reached on. */
export const regionDataSchema = v.object({ host: v.string().check(v.minLength(1)) })

/** The credentials Latchkey keeps for a Files.com session: the session id and the site address it belongs to. */
export const filescomCredentialsSchema = v.object({
  sessionId: v.string().check(v.minLength(1)),
  /** The site's address, after a region mismatch the region's; the API lives at `<baseUrl>/api/rest/v1`. */
  baseUrl: v.string(),
})
export type FilescomCredentials = v.infer<typeof filescomCredentialsSchema>

/** Reads an error body; a top-level array of error objects is read by its first element, as the SDKs do. */
export function readFilescomError(json: unknown): FilescomErrorBody | undefined {
  const result = filescomErrorSchema.safeParse(Array.isArray(json) ? json[0] : json)
  return result.success ? result.data : undefined
}
