import type { AdapterContext } from "./adapter"
import { AuthError } from "./authError"
import { type AuthEvent, maskUrl } from "./inspect"
import type { Platform } from "./platform/platform"
import { maxBodyBytes } from "./sendJson"

export interface ContextOptions {
  platform: Platform
  vendor: string
  timeoutMs: number
  inspect: (event: AuthEvent) => void
  /** Development action (`client.devtools.setOffline`): every request fails as the network would. */
  isOffline?: (() => boolean) | undefined
}

/** One operation's time limit and cancellation, released when the operation ends. */
interface Deadline {
  readonly signal: AbortSignal
  /** Rejects with the signal's reason once it aborts; for racing work that does not honour the signal. */
  readonly aborted: Promise<never>
  /** The code of a failure seen after the deadline passed or the operation was cancelled. */
  failure(): "timeout" | "aborted" | "network"
  /** Clears the timer and the abort listener: a listener left on a signal linked to the client's lifetime would
   * keep every request's signal alive for as long as the client lives. */
  release(): void
}

function startDeadline(
  platform: Platform,
  timeoutMs: number,
  signals: readonly AbortSignal[],
): Deadline {
  const { clock } = platform
  const timeout = new AbortController()
  const signal = AbortSignal.any([timeout.signal, ...signals])
  const timer = clock.setTimeout(() => timeout.abort(), timeoutMs)
  let onAbort = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener("abort", onAbort, { once: true })
  })
  aborted.catch(() => {})
  return {
    signal,
    aborted,
    failure: () => (timeout.signal.aborted ? "timeout" : signal.aborted ? "aborted" : "network"),
    release() {
      clock.clearTimeout(timer)
      signal.removeEventListener("abort", onAbort)
    },
  }
}

/**
 * Builds the `fetch` adapters and `client.fetch` use: bounded by the client's timeout on the injected clock,
 * cancelled by any of `signals` or by the request's own signal (the app's, in `client.fetch`), and failing only
 * with `AuthError` (`timeout`, `aborted`, `network`).
 */
export function createGuardedFetch(
  { platform, vendor, timeoutMs, inspect, isOffline }: ContextOptions,
  signals: readonly AbortSignal[] = [],
): (request: Request) => Promise<Response> {
  return async (request) => {
    const { clock } = platform
    // The request sent carries the deadline's signal in place of its own, so its own must cancel the deadline.
    const deadline = startDeadline(platform, timeoutMs, [...signals, request.signal])
    const started = clock.now()
    const report = (status: number | undefined, error: AuthError | undefined) =>
      inspect({
        type: "request",
        at: started,
        method: request.method,
        url: maskUrl(request.url),
        status,
        durationMs: clock.now() - started,
        error,
      })
    try {
      if (deadline.signal.aborted) throw deadline.signal.reason
      if (isOffline?.()) throw new TypeError("offline")
      const pending = platform.fetch(new Request(request, { signal: deadline.signal }))
      // The platform's fetch may not honour the signal (a fake, an old polyfill): race it too.
      const response = await Promise.race([pending, deadline.aborted])
      report(response.status, undefined)
      return response
    } catch (cause) {
      const error = new AuthError(deadline.failure(), { vendor, cause })
      report(undefined, error)
      throw error
    } finally {
      deadline.release()
    }
  }
}

/**
 * Reads a body as text within the client's timeout and cancellation: a body that stalls halfway fails with
 * `timeout`, one larger than `maxBodyBytes` with `invalid_response`, a broken stream with `network`.
 */
export function createBoundedReader(
  { platform, vendor, timeoutMs }: ContextOptions,
  signals: readonly AbortSignal[] = [],
): (response: Response) => Promise<string> {
  return async (response) => {
    const deadline = startDeadline(platform, timeoutMs, signals)
    const reader = response.body?.getReader()
    const fail = (code: "timeout" | "aborted" | "network" | "invalid_response", cause?: unknown) =>
      new AuthError(code, { vendor, status: response.status, cause })
    try {
      if (!reader) return ""
      if (deadline.signal.aborted) throw deadline.signal.reason
      const decoder = new TextDecoder()
      let text = ""
      let bytes = 0
      for (;;) {
        const { done, value } = await Promise.race([reader.read(), deadline.aborted])
        if (done) return text + decoder.decode()
        bytes += value.byteLength
        if (bytes > maxBodyBytes) throw fail("invalid_response")
        text += decoder.decode(value, { stream: true })
      }
    } catch (cause) {
      if (cause instanceof AuthError) throw cause
      throw fail(deadline.failure(), cause)
    } finally {
      deadline.release()
      reader?.cancel().catch(() => {})
    }
  }
}

/** The context handed to an adapter for one operation. */
/** The time limit of each request and body read, unless the client's `timeoutMs` says otherwise. */
export const defaultTimeoutMs = 15_000

/**
 * A context for a vendor's helpers that read answers to `client.fetch` outside any adapter operation (Matrix's login
 * tokens, SFTPGo's refusal reasons): on the client's platform and clock, each body read bounded by the default time
 * limit and size, so a body that stalls fails with `timeout` and one past 1 MB with `invalid_response`.
 */
export function createReadingContext(platform: Platform, vendor: string): AdapterContext {
  return createAdapterContext({ platform, vendor, timeoutMs: defaultTimeoutMs, inspect: () => {} })
}

export function createAdapterContext(
  options: ContextOptions,
  signals: readonly AbortSignal[] = [],
): AdapterContext {
  const { platform } = options
  return {
    fetch: createGuardedFetch(options, signals),
    readText: createBoundedReader(options, signals),
    now: () => platform.clock.now(),
    randomBytes: (length) => platform.randomBytes(length),
    subtle: platform.subtle,
  }
}
