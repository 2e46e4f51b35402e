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
}

/**
 * Builds the `fetch` adapters and `client.fetch` use: bounded by the client's timeout on the injected clock,
 * cancelled by any of `signals`, and failing only with `AuthError` (`timeout`, `aborted`, `network`).
 */
export function createGuardedFetch(
  { platform, vendor, timeoutMs, inspect }: ContextOptions,
  signals: readonly AbortSignal[] = [],
): (request: Request) => Promise<Response> {
  return async (request) => {
    const { clock } = platform
    const timeout = new AbortController()
    // Linked without a listener per request on the long-lived signals (a client's lifetime outlives thousands).
    const signal = AbortSignal.any([timeout.signal, ...signals])
    const timer = clock.setTimeout(() => timeout.abort(), timeoutMs)
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
      if (signal.aborted) throw signal.reason
      const pending = platform.fetch(new Request(request, { signal }))
      // The platform's fetch may not honour the signal (a fake, an old polyfill): race it too.
      const aborted = new Promise<never>((_, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason), { once: true })
      })
      const response = await Promise.race([pending, aborted])
      report(response.status, undefined)
      return response
    } catch (cause) {
      const code = timeout.signal.aborted ? "timeout" : signal.aborted ? "aborted" : "network"
      const error = new AuthError(code, { vendor, cause })
      report(undefined, error)
      throw error
    } finally {
      clock.clearTimeout(timer)
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
    const { clock } = platform
    const timeout = new AbortController()
    const signal = AbortSignal.any([timeout.signal, ...signals])
    const timer = clock.setTimeout(() => timeout.abort(), timeoutMs)
    const reader = response.body?.getReader()
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true })
    })
    aborted.catch(() => {})
    const fail = (code: "timeout" | "aborted" | "network" | "invalid_response", cause?: unknown) =>
      new AuthError(code, { vendor, status: response.status, cause })
    try {
      if (!reader) return ""
      if (signal.aborted) throw signal.reason
      const decoder = new TextDecoder()
      let text = ""
      let bytes = 0
      for (;;) {
        const { done, value } = await Promise.race([reader.read(), aborted])
        if (done) return text + decoder.decode()
        bytes += value.byteLength
        if (bytes > maxBodyBytes) throw fail("invalid_response")
        text += decoder.decode(value, { stream: true })
      }
    } catch (cause) {
      if (cause instanceof AuthError) throw cause
      throw fail(timeout.signal.aborted ? "timeout" : signal.aborted ? "aborted" : "network", cause)
    } finally {
      clock.clearTimeout(timer)
      reader?.cancel().catch(() => {})
    }
  }
}

/** The context handed to an adapter for one operation. */
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
