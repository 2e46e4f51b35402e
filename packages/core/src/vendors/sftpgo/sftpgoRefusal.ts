import { createReadingContext } from "../../adapterContext"
import type { AuthClient } from "../../authClient"
import { AuthError, type AuthErrorCode, type AuthField, toAuthError } from "../../authError"
import { parseRetryAfter } from "../../retryAfter"
import { parseJson, type Refusal, sharedFailure } from "../../sendJson"
import { type ApiResponse, apiResponseSchema, type SftpgoCredentials } from "./sftpgoSchemas"

/** The vendor name SFTPGo errors and storage keys carry. */
export const sftpgoVendor = "sftpgo"

/**
 * How an app tells apart the two readings of SFTPGo's ambiguous 401 (`invalid_credentials`), as `error.vendorCode`.
 * Both name the fields `password` and `code` (only `password` when the adapter offers no code).
 */
export const sftpgoVendorCodes = {
  /** No code was sent: the password is wrong, or the account needs a one-time code. */
  passwordOrMissingCode: "password_or_missing_code",
  /** A code was sent: the password or the code is wrong. */
  passwordOrCode: "password_or_code",
} as const

/** The 401 reasons that mean the token will never work here: another realm's, or bound to another address. */
export const revokedReasons: readonly string[] = [
  "Your token audience is not valid",
  "Your token is not valid",
]

const blockedReason = "your IP address is blocked"

/** Server words longer than this are not a reason to show. */
const maxReasonLength = 200

/** What the adapter sent with a token request, to read its refusal. */
export interface TokenAttempt {
  readonly hasCode: boolean
  readonly offersCode: boolean
  /** What the user typed that must never travel in an error (the password, the code). */
  readonly secrets: readonly string[]
  /** When the answer came (epoch ms), to read a `Retry-After` date. */
  readonly now?: number | undefined
}

/**
 * Reads a refused token request. Every 401 is `invalid_credentials`: SFTPGo answers a wrong password, a missing code
 * and a wrong code alike, so the fields are `password` and `code` and `vendorCode` says whether a code was sent.
 */
export function tokenRefusal(refusal: Refusal, attempt: TokenAttempt): AuthError | undefined {
  const body = readBody(refusal.json)
  if (refusal.status !== 401) return commonRefusal(refusal, body, attempt.secrets, attempt.now)
  // Without `error`, SFTPGo saw no usable credentials at all (a blank password): the code is not in question.
  const isAmbiguous = body?.error !== undefined && attempt.offersCode
  const fields: readonly AuthField[] = isAmbiguous ? ["password", "code"] : ["password"]
  const vendorCode = attempt.hasCode
    ? sftpgoVendorCodes.passwordOrCode
    : sftpgoVendorCodes.passwordOrMissingCode
  return new AuthError("invalid_credentials", {
    vendor: sftpgoVendor,
    status: 401,
    vendorCode: isAmbiguous ? vendorCode : undefined,
    fields,
  })
}

/**
 * Reads a refused call made with a token (profile, logout, the app's own calls): 401 is `session_expired`, or
 * `session_revoked` for another realm's token or one bound to another address; the server's reason travels as
 * `serverMessage`.
 */
export function sessionRefusal(refusal: Refusal, now?: number): AuthError | undefined {
  const body = readBody(refusal.json)
  if (refusal.status !== 401) return commonRefusal(refusal, body, [], now)
  const reason = reasonOf(body, [])
  const code = revokedReasons.includes(body?.message ?? "") ? "session_revoked" : "session_expired"
  return new AuthError(code, { vendor: sftpgoVendor, status: 401, serverMessage: reason })
}

/**
 * Reads an answer to an authenticated call as the `AuthError` it stands for, with the server's reason as
 * `serverMessage`; `undefined` for a 2xx. For apps that need to say why a call was refused. The body is read as the
 * adapter reads its own answers, on the client's clock: one that stalls gives `timeout`, one past 1 MB
 * `invalid_response`.
 *
 * @example
 * const response = await client.fetch(`${baseUrl}/api/v2/user/dirs`)
 * const error = await sftpgoFailure(client, response) // e.g. address_blocked, "your IP address is blocked"
 */
export async function sftpgoFailure(
  client: AuthClient<SftpgoCredentials>,
  response: Response,
): Promise<AuthError | undefined> {
  if (response.ok) return undefined
  const { status, headers } = response
  const ctx = createReadingContext(client.platform, sftpgoVendor)
  let json: unknown
  try {
    json = parseJson(await ctx.readText(response))
  } catch (error) {
    // The answer never arrived whole: that, not the status alone, is what went wrong.
    return toAuthError(error, "invalid_response")
  }
  const now = ctx.now()
  return (
    sessionRefusal({ status, headers, json }, now) ??
    sharedFailure(status, headers, now, sftpgoVendor)
  )
}

/**
 * The wait a 429 asks for: `Retry-After` in seconds (or, knowing `now`, as an HTTP date, as a proxy may send it),
 * else `X-Retry-In` (a Go duration such as `6.4999s`).
 */
export function retryAfterMs(headers: Headers, now?: number): number | undefined {
  const header = headers.get("retry-after")
  const isSeconds = header !== null && /^\s*\d+\s*$/.test(header)
  const fromHeader = isSeconds || now !== undefined ? parseRetryAfter(header, now ?? 0) : undefined
  return fromHeader ?? goDurationMs(headers.get("x-retry-in"))
}

function commonRefusal(
  { status, headers }: Refusal,
  body: ApiResponse | undefined,
  secrets: readonly string[],
  now: number | undefined,
): AuthError | undefined {
  const fail = (code: AuthErrorCode) =>
    new AuthError(code, {
      vendor: sftpgoVendor,
      status,
      serverMessage: reasonOf(body, secrets),
      retryAfterMs: code === "rate_limited" ? retryAfterMs(headers, now) : undefined,
    })
  if (status === 429) return fail("rate_limited")
  if (status === 403)
    return fail(body?.error === blockedReason ? "address_blocked" : "access_denied")
  return undefined
}

/** SFTPGo puts the reason in `error` and HTTP's words in `message`, except for token checks (`message` only). */
function reasonOf(body: ApiResponse | undefined, secrets: readonly string[]): string | undefined {
  const reason = (body?.error || body?.message || "").trim()
  const isUnsafe =
    reason === "" ||
    reason.length > maxReasonLength ||
    secrets.some((secret) => secret !== "" && reason.includes(secret))
  return isUnsafe ? undefined : reason
}

function readBody(json: unknown): ApiResponse | undefined {
  const parsed = apiResponseSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

const goUnitsMs: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000_001,
}

/** Reads a Go duration (`1m0.5s`, `499.9ms`) as whole milliseconds, rounded up; `undefined` if it is not one. */
function goDurationMs(text: string | null): number | undefined {
  const trimmed = text?.trim() ?? ""
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined
  let total = 0
  for (const [, amount = "", unit = ""] of trimmed.matchAll(
    /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g,
  )) {
    total += Number(amount) * (goUnitsMs[unit] ?? 0)
  }
  return Math.ceil(total)
}
