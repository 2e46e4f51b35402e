import type { Clock } from "./clock"
import { systemClock } from "./clock"
import { jsonResponse } from "./jsonResponse"
import { type DemoPerson, demoPeople } from "./people"
import { createRequestLog, type RequestLog, redactedPath } from "./requestLog"
import type { Router } from "./router"

/** An in-memory server of one vendor's API: a `fetch`-style handler with its own clock, people and request log. */
export interface Emulator {
  readonly vendor: string
  /** The path prefix the vendor's API lives under (`/api/v4`), `""` for none. */
  readonly basePath: string
  readonly clock: Clock
  readonly people: readonly DemoPerson[]
  readonly log: RequestLog
  /** Answers a request; never rejects: a bug in the emulator becomes a 500. */
  handle(request: Request): Promise<Response>
}

/** Builds a response for a situation the router cannot answer, in the vendor's own error shape. */
export interface EmulatorFallbacks {
  /** No route matches the path. Default: 404 `{ error }`. */
  readonly notFound?: (request: Request) => Response | Promise<Response>
  /** The path exists for other methods. Default: 405 `{ error }`; an `Allow` header is added either way. */
  readonly methodNotAllowed?: (
    request: Request,
    allowed: readonly string[],
  ) => Response | Promise<Response>
  /** A handler threw something other than a `Response`. Default: 500 `{ error }`. */
  readonly internalError?: (error: unknown, request: Request) => Response | Promise<Response>
}

/** What a vendor hands to `createEmulator`: its routes, optionally its error shapes, and its resolved options (spread them in). */
export interface EmulatorDefinition extends EmulatorFallbacks {
  readonly vendor: string
  readonly router: Router
  readonly clock?: Clock
  readonly people?: readonly DemoPerson[]
  /** A log to record into; by default a new one of `requestLogCapacity` entries. */
  readonly log?: RequestLog
  readonly requestLogCapacity?: number
}

/**
 * Turns a vendor's router into an emulator that logs every request and never throws.
 *
 * A handler may `throw` a `Response` (for example from a body-parsing helper) to answer early.
 *
 * @example
 * const router = createRouter({ basePath: "/api/v2" }).get("/user/token", userToken)
 * return { ...createEmulator({ vendor: "sftpgo", router, ...resolvedOptions }), store }
 */
export function createEmulator(definition: EmulatorDefinition): Emulator {
  const { router } = definition
  const clock = definition.clock ?? systemClock
  const log = definition.log ?? createRequestLog({ capacity: definition.requestLogCapacity })
  const notFound =
    definition.notFound ?? (() => jsonResponse({ error: "No such endpoint" }, { status: 404 }))
  const methodNotAllowed =
    definition.methodNotAllowed ??
    (() => jsonResponse({ error: "Method not allowed" }, { status: 405 }))
  const internalError = definition.internalError ?? defaultInternalError

  const route = async (request: Request, url: URL): Promise<Response> => {
    const match = router.match(request.method, url.pathname)
    switch (match.type) {
      case "found":
        return match.handler({ request, url, params: match.params })
      case "notFound":
        return notFound(request)
      case "methodNotAllowed": {
        const allow = [...match.allowed, "OPTIONS"].join(", ")
        if (request.method === "OPTIONS") {
          return new Response(null, { status: 204, headers: { Allow: allow } })
        }
        return withHeader(await methodNotAllowed(request, match.allowed), "Allow", allow)
      }
      default:
        return match satisfies never
    }
  }

  const answer = async (request: Request, url: URL): Promise<Response> => {
    try {
      return await route(request, url)
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      try {
        return await internalError(thrown, request)
      } catch (hookError) {
        return defaultInternalError(hookError)
      }
    }
  }

  return {
    vendor: definition.vendor,
    basePath: router.basePath,
    clock,
    people: definition.people ?? demoPeople,
    log,
    async handle(request) {
      const startedAt = performance.now()
      const time = clock.now()
      const url = new URL(request.url)
      const response = await answer(request, url)
      log.record({
        method: request.method,
        path: redactedPath(url),
        status: response.status,
        time,
        durationMs: performance.now() - startedAt,
      })
      if (request.method !== "HEAD" || response.body === null) return response
      return new Response(null, response)
    },
  }
}

function defaultInternalError(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error)
  return jsonResponse({ error: `Emulator failure: ${message}` }, { status: 500 })
}

function withHeader(response: Response, name: string, value: string): Response {
  if (response.headers.has(name)) return response
  const headers = new Headers(response.headers)
  headers.set(name, value)
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  })
}
