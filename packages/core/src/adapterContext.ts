import type { AdapterContext } from "./adapter"
import { AuthError } from "./authError"
import { type AuthEvent, maskUrl } from "./inspect"
import type { Platform } from "./platform/platform"

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
    const controller = new AbortController()
    let reason: "timeout" | "aborted" | undefined
    const abort = (why: "timeout" | "aborted") => {
      reason ??= why
      controller.abort()
    }
    const onAbort = () => abort("aborted")
    for (const signal of signals) {
      if (signal.aborted) onAbort()
      signal.addEventListener("abort", onAbort)
    }
    const timer = clock.setTimeout(() => abort("timeout"), timeoutMs)
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
      const pending = platform.fetch(new Request(request, { signal: controller.signal }))
      // The platform's fetch may not honour the signal (a fake, an old polyfill): race it too.
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
          once: true,
        })
      })
      const response = await Promise.race([pending, aborted])
      report(response.status, undefined)
      return response
    } catch (cause) {
      const error = new AuthError(reason ?? "network", { vendor, cause })
      report(undefined, error)
      throw error
    } finally {
      clock.clearTimeout(timer)
      for (const signal of signals) signal.removeEventListener("abort", onAbort)
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
    now: () => platform.clock.now(),
    randomBytes: (length) => platform.randomBytes(length),
    subtle: platform.subtle,
  }
}
