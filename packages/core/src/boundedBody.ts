import { AuthError } from "./authError"
import type { Clock } from "./platform/platform"
import { maxBodyBytes } from "./sendJson"

/** A copy of a response whose body cannot hang or grow without end, and the way to let go of it. */
export interface BoundedCopy {
  readonly response: Response
  /** Stops the copy's timer and cancels what is left of its body. */
  release(): void
}

/**
 * Copies `response` for a reader that runs outside an adapter context (`classify`): reading the copy's body fails
 * once `timeoutMs` pass on `clock`, `signal` aborts, or it grows past `maxBodyBytes` — a body that stalls halfway
 * must not hold up the app's call for ever. The original response is left for the app to read.
 */
export function boundedCopy(
  response: Response,
  options: { clock: Clock; timeoutMs: number; vendor: string; signal: AbortSignal },
): BoundedCopy {
  const { clock, vendor, signal } = options
  const source = response.clone().body
  const head = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  }
  if (!source) return { response: new Response(null, head), release: () => {} }
  const reader = source.getReader()
  let isOver = false
  let bytes = 0
  let fail: (error: AuthError) => void = () => {}
  const end = () => {
    if (isOver) return
    isOver = true
    clock.clearTimeout(timer)
    signal.removeEventListener("abort", onAbort)
    reader.cancel().catch(() => {})
  }
  const onAbort = () => fail(new AuthError("aborted", { vendor, status: response.status }))
  const timer = clock.setTimeout(
    () => fail(new AuthError("timeout", { vendor, status: response.status })),
    options.timeoutMs,
  )
  signal.addEventListener("abort", onAbort)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      fail = (error) => {
        if (isOver) return
        controller.error(error)
        end()
      }
      if (signal.aborted) onAbort()
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (isOver) return
        if (done) {
          controller.close()
          return end()
        }
        bytes += value.byteLength
        if (bytes > maxBodyBytes)
          return fail(new AuthError("invalid_response", { vendor, status: response.status }))
        controller.enqueue(value)
      } catch (cause) {
        fail(new AuthError("network", { vendor, status: response.status, cause }))
      }
    },
    cancel: end,
  })
  return { response: new Response(body, head), release: end }
}
