import { jsonResponse } from "../jsonResponse"
import type { RandomBytes } from "../randomBytes"

/**
 * The error types the emulator answers with, and their HTTP status as Files.com's error catalog lists it
 * (`filescomEmulator.spec.test.ts` checks both against the catalog copied in `spec/`).
 */
export const filescomErrorStatus = {
  "not-authenticated/api-key-sessions-not-supported": 401,
  "not-authenticated/authentication-required": 401,
  "not-authenticated/invalid-session": 401,
  "not-authenticated/invalid-username-or-password": 401,
  "not-authenticated/locked-out": 401,
  "not-authenticated/lockout-region-mismatch": 403,
  "not-authenticated/one-time-password-incorrect": 401,
  "not-authenticated/two-factor-authentication-error": 401,
  "not-authenticated/two-factor-authentication-setup-expired": 401,
  "not-authorized/password-change-required": 403,
  "not-authorized/recaptcha-failed": 403,
  "not-authorized/two-factor-authentication-required": 403,
  "rate-limited/too-many-concurrent-logins": 429,
  "rate-limited/too-many-login-attempts": 429,
  "bad-request/internal-general-error": 422,
  "bad-request/invalid-body": 422,
  "bad-request/method-not-allowed": 422,
  "bad-request/unsupported-media-type": 422,
  "not-found": 404,
} as const

/** An error type the emulator answers with. */
export type FilescomErrorType = keyof typeof filescomErrorStatus

/** Builds Files.com error answers. */
export type FilescomErrorBuilder = (
  type: FilescomErrorType,
  error: string,
  extra?: { readonly data?: unknown; readonly headers?: HeadersInit },
) => Response

/**
 * Creates the builder of Files.com's error bodies: `{ error, "http-code", instance, title, type, data? }`, the
 * title derived from the type as the catalog writes it, and a fresh request id as `instance`.
 *
 * @example
 * const filescomError = createFilescomErrors(random)
 * return filescomError("not-authenticated/locked-out", "Your account is locked out.")
 */
export function createFilescomErrors(random: RandomBytes): FilescomErrorBuilder {
  const instance = () => {
    const hex = [...random(16)].map((byte) => byte.toString(16).padStart(2, "0")).join("")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  return (type, error, extra = {}) => {
    const status = filescomErrorStatus[type]
    const body = {
      error,
      "http-code": status,
      instance: instance(),
      title: filescomErrorTitle(type),
      type,
      ...(extra.data === undefined ? {} : { data: extra.data }),
    }
    return jsonResponse(body, { status, headers: extra.headers })
  }
}

/** The catalog's title of a type: its last part, words capitalised (`locked-out` → `Locked Out`). */
export function filescomErrorTitle(type: string): string {
  const last = type.split("/").at(-1) ?? type
  return last
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ")
}
