import { createEmulator, type Emulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { type EmulatorOptions, resolveEmulatorOptions } from "../options"
import { createRequestLog } from "../requestLog"
import { createRouter } from "../router"
import { createTotpVerifier } from "../totp"
import {
  type FilescomAccountSettings,
  filescomAccountSettings,
  filescomAccounts,
  filescomPeople,
} from "./filescomAccounts"
import { createFilescomErrors } from "./filescomError"
import { createFilescomSessionStore } from "./filescomSessionStore"
import { createFilescomSignIn } from "./filescomSignIn"
import { createLoginFailures } from "./loginFailures"
import { createSmsOutbox } from "./smsOutbox"

/** A host that answers every API call with a region mismatch, and the host it points at. */
export interface FilescomRegionMismatch {
  /** The host name (any port) that answers 403 `lockout-region-mismatch`. */
  readonly siteHost: string
  /** The host name `data.host` names; the request's port is added to it. */
  readonly regionHost: string
}

/** What the Files.com emulator takes beyond the options every emulator takes. */
export interface FilescomEmulatorOptions extends EmulatorOptions {
  /** Methods and states by user name; by default the people of `filescomAccountSettings`. */
  readonly accounts?: Readonly<Record<string, FilescomAccountSettings>>
  /** `files.localhost` → `eu.files.localhost` by default; `false` for none. */
  readonly regionMismatch?: FilescomRegionMismatch | false
  /** Live sessions a user may have; past it, 429 `too-many-concurrent-logins`. No limit by default. */
  readonly concurrentSessionLimit?: number
  /** Whether the site demands a reCAPTCHA (which an API client cannot answer): 403 `recaptcha-failed`. */
  readonly requiresRecaptcha?: boolean
}

/** The Files.com emulator, with a way for tests and the demo to read a text message. */
export interface FilescomEmulator extends Emulator {
  /** The code of the last text message sent to a user, while it can be used. */
  smsCode(username: string): string | undefined
}

/** The default region mismatch: a site host and its region on the same registrable domain. */
export const defaultRegionMismatch: FilescomRegionMismatch = Object.freeze({
  siteHost: "files.localhost",
  regionHost: "eu.files.localhost",
})

const apiPath = "/api/rest/v1"

/**
 * Creates an in-memory Files.com site answering the REST API's session endpoints as the official SDKs expect:
 * JSON or multipart sign-in, second factors (TOTP, text message, YubiKey, U2F), errors in Files.com's shape with the
 * catalog's status codes, a region mismatch, rate limits, and sessions that end after their lifetime
 * (`accessTokenTtlMs`, 6 hours by default).
 *
 * @example
 * const clock = createEmulatorClock()
 * const emulator = createFilescomEmulator({ clock })
 * await toFetch(emulator)("http://localhost:8091/api/rest/v1/sessions", { method: "POST", body })
 */
export function createFilescomEmulator(options: FilescomEmulatorOptions = {}): FilescomEmulator {
  const resolved = resolveEmulatorOptions(
    { ...options, people: options.people ?? filescomPeople },
    { accessTokenTtlMs: 6 * 60 * 60 * 1000, rateLimit: { limit: 5, windowMs: 60_000 } },
  )
  const { clock, random } = resolved
  const accounts = filescomAccounts(resolved.people, options.accounts ?? filescomAccountSettings)
  const regionMismatch = options.regionMismatch ?? defaultRegionMismatch
  const filescomError = createFilescomErrors(random)
  const sessions = createFilescomSessionStore({
    clock,
    random,
    lifetimeMs: resolved.accessTokenTtlMs,
  })
  const sms = createSmsOutbox({ clock, random })
  const signIn = createFilescomSignIn({
    accounts,
    sessions,
    sms,
    totp: createTotpVerifier({ clock }),
    failures: createLoginFailures(resolved.rateLimit, clock),
    filescomError,
    concurrentSessionLimit: options.concurrentSessionLimit,
    requiresRecaptcha: options.requiresRecaptcha === true,
  })

  /** The region check the real servers make before anything else. */
  const wrongRegion = (url: URL) => {
    if (regionMismatch === false || url.hostname !== regionMismatch.siteHost) return undefined
    const host =
      url.port === "" ? regionMismatch.regionHost : `${regionMismatch.regionHost}:${url.port}`
    return filescomError(
      "not-authenticated/lockout-region-mismatch",
      "You have connected to a URL that has different security settings than those required for your site.",
      { data: { host } },
    )
  }

  const sessionUser = (request: Request) => {
    const sessionId = request.headers.get("X-FilesAPI-Auth")
    if (sessionId === null || sessionId === "")
      throw filescomError("not-authenticated/authentication-required", "Authentication required.")
    const username = sessions.userOf(sessionId)
    if (username === undefined)
      throw filescomError("not-authenticated/invalid-session", "Invalid session.")
    return { sessionId, username }
  }

  const router = createRouter()
    .post(`${apiPath}/sessions`, ({ request, url }) => wrongRegion(url) ?? signIn(request))
    .delete(`${apiPath}/sessions`, ({ request, url }) => {
      const mismatch = wrongRegion(url)
      if (mismatch) return mismatch
      sessions.close(sessionUser(request).sessionId)
      // The SDKs read a JSON content type with `Content-Length: 0` as "no body".
      return new Response(null, {
        status: 200,
        headers: { "Content-Type": "application/json", "Content-Length": "0" },
      })
    })
    .get(`${apiPath}/folders`, ({ request, url }) => rootFolder(request, url))
    .get(`${apiPath}/folders/`, ({ request, url }) => rootFolder(request, url))
    .get("/_emulator/sms/:username", ({ params }) => {
      const message = sms.current(params.username)
      if (message === undefined) return filescomError("not-found", "No text message for this user.")
      return jsonResponse({
        username: message.username,
        code: message.code,
        sent_at: new Date(message.sentAt).toISOString(),
      })
    })

  function rootFolder(request: Request, url: URL): Response {
    const mismatch = wrongRegion(url)
    if (mismatch) return mismatch
    const { username } = sessionUser(request)
    return jsonResponse([
      {
        path: "welcome.txt",
        display_name: "welcome.txt",
        type: "file",
        size: 42,
        mtime: new Date(clock.now()).toISOString(),
        permissions: "lrwd",
        owner: username,
      },
    ])
  }

  const emulator = createEmulator({
    vendor: "filescom",
    router,
    clock,
    people: resolved.people,
    log: createRequestLog({ capacity: resolved.requestLogCapacity }),
    notFound: () => filescomError("not-found", "Not Found"),
    methodNotAllowed: () => filescomError("bad-request/method-not-allowed", "Method not allowed"),
    internalError: () => filescomError("bad-request/internal-general-error", "Internal error"),
  })
  return {
    ...emulator,
    // The API lives under this path; the emulator's own control routes (`/_emulator/…`) sit beside it.
    basePath: apiPath,
    smsCode: (username) => sms.current(username)?.code,
  }
}
