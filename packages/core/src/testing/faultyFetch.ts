/** What a broken server, proxy or network can do to one answer. */
export type Fault =
  /** An HTML error page (a proxy's, a captive portal's) that echoes the request, credentials included, as bait. */
  | { readonly type: "htmlPage"; readonly status: number }
  /** The server's own answer, cut in half. */
  | { readonly type: "truncatedJson" }
  /** Valid JSON of a shape no vendor sends, with status 200. */
  | { readonly type: "wrongShapeJson" }
  /** Status 200 and no body at all. */
  | { readonly type: "emptyBody" }
  /** Status 200 and a body of `bytes` (10 MB by default), produced only as it is read. */
  | { readonly type: "hugeBody"; readonly bytes?: number | undefined }
  /** A plain-text 5xx from something in front of the server. */
  | { readonly type: "serverError"; readonly status: number }
  /** A 429 whose `Retry-After` is in seconds, an HTTP date, or absent. */
  | {
      readonly type: "rateLimited"
      readonly retryAfter: "seconds" | "date" | "none"
      readonly seconds?: number | undefined
    }
  /** Redirects to itself for ever, as `fetch` sees it: a `TypeError` once it gives up. */
  | { readonly type: "redirectLoop" }
  /** No status, no headers, nothing — until the request is aborted. */
  | { readonly type: "hangBeforeHeaders" }
  /** The server's status and headers and half its body, then nothing until the reader gives up or is aborted. */
  | { readonly type: "stallMidBody" }
  /** The server's status and headers and half its body, then a broken connection. */
  | { readonly type: "erroringBody" }
  /** The connection is refused: `fetch` rejects with a `TypeError`. */
  | { readonly type: "connectionFailure" }
  /** The request reaches the server twice (a retrying proxy); the second answer is delivered. */
  | { readonly type: "duplicateRequest" }
  /**
   * The server handles the request, but the answer delivered is the one an earlier identical request (same method
   * and address) got, as from a cache that ignores credentials and bodies. With no earlier one, no fault.
   */
  | { readonly type: "replayedAnswer" }

/** Every fault, once each: the HTML page as 200 and 502, 500/502/503, and the three forms of a rate limit. */
export const faultCatalog: readonly Fault[] = [
  { type: "htmlPage", status: 200 },
  { type: "htmlPage", status: 502 },
  { type: "truncatedJson" },
  { type: "wrongShapeJson" },
  { type: "emptyBody" },
  { type: "hugeBody" },
  { type: "serverError", status: 500 },
  { type: "serverError", status: 502 },
  { type: "serverError", status: 503 },
  { type: "rateLimited", retryAfter: "seconds" },
  { type: "rateLimited", retryAfter: "date" },
  { type: "rateLimited", retryAfter: "none" },
  { type: "redirectLoop" },
  { type: "hangBeforeHeaders" },
  { type: "stallMidBody" },
  { type: "erroringBody" },
  { type: "connectionFailure" },
  { type: "duplicateRequest" },
  { type: "replayedAnswer" },
]

/** A short, unique name for a fault, for test titles and tables (`htmlPage 502`, `rateLimited date`). */
export function faultName(fault: Fault): string {
  switch (fault.type) {
    case "htmlPage":
    case "serverError":
      return `${fault.type} ${fault.status}`
    case "rateLimited":
      return `${fault.type} ${fault.retryAfter}`
    default:
      return fault.type
  }
}

/** One request the wrapper saw, and the fault it answered with (`undefined`: none took effect). */
export interface FaultyExchange {
  readonly method: string
  readonly url: string
  readonly fault: Fault | undefined
}

/** Which requests a fault answers, and how many of them. */
export interface FaultRule {
  /** Picks the requests; every request by default. */
  readonly when?: ((request: Request) => boolean) | undefined
  /** How many requests it answers before it stops; for ever by default. */
  readonly times?: number | undefined
}

/** A `fetch` in front of a server that answers chosen requests with faults. */
export interface FaultyFetch {
  readonly fetch: (request: Request) => Promise<Response>
  /** Answers the requests `rule` picks with `fault`, until `lift`; the first matching rule wins. */
  inject(fault: Fault, rule?: FaultRule): void
  /** Stops every fault: the server answers again. */
  lift(): void
  /** Every request seen, in order. */
  readonly log: readonly FaultyExchange[]
  /** How many requests the server is still working on (not counting hung ones, which it never saw). */
  busy(): number
  /** How many requests hang or stall now, waiting to be aborted or cancelled. */
  held(): number
}

/** The `Retry-After` a rate-limit fault asks for unless it says otherwise. */
const defaultRetryAfterSeconds = 30

const statusesWithoutBody = new Set([101, 103, 204, 205, 304])

interface Answer {
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  readonly body: Uint8Array
}

/**
 * Puts a fault injector in front of `server` (an emulator's `handle`, or any `fetch`): per request it answers
 * normally or with one of the faults a real network produces, so a test can show that a client survives each.
 * `now` dates `Retry-After` in the HTTP-date form.
 * @example
 * const faulty = createFaultyFetch((request) => emulator.handle(request), { now: () => clock.now() })
 * faulty.inject({ type: "stallMidBody" }, { when: (request) => request.url.endsWith("/refresh") })
 * const platform = createTestPlatform({ fetch: faulty.fetch, clock })
 */
export function createFaultyFetch(
  server: (request: Request) => Promise<Response>,
  options: { readonly now?: (() => number) | undefined } = {},
): FaultyFetch {
  const now = options.now ?? (() => 0)
  const rules: { fault: Fault; when: FaultRule["when"]; left: number }[] = []
  const log: FaultyExchange[] = []
  let working = 0
  let holding = 0
  const previous = new Map<string, Answer>()
  const keyOf = (request: Request) => `${request.method} ${request.url}`

  const serve = async (request: Request): Promise<Answer> => {
    working++
    try {
      const response = await server(request)
      const answer: Answer = {
        status: response.status,
        statusText: response.statusText,
        headers: new Headers(response.headers),
        body: new Uint8Array(await response.arrayBuffer()),
      }
      return answer
    } finally {
      working--
    }
  }

  const pick = (request: Request): Fault | undefined => {
    const rule = rules.find(
      (candidate) => candidate.left > 0 && (candidate.when?.(request) ?? true),
    )
    if (!rule) return undefined
    rule.left--
    return rule.fault
  }

  /** A stream that gives `head`, then stalls until cancelled or aborted, or (`breaks`) fails. */
  const halfBody = (head: Uint8Array, signal: AbortSignal, breaks: boolean) => {
    let pulls = 0
    let stop = () => {}
    return new ReadableStream<Uint8Array>({
      start(controller) {
        if (breaks) return
        holding++
        let isHeld = true
        stop = () => {
          if (isHeld) holding--
          isHeld = false
          signal.removeEventListener("abort", onAbort)
        }
        const onAbort = () => {
          stop()
          controller.error(signal.reason)
        }
        signal.addEventListener("abort", onAbort)
      },
      pull(controller) {
        if (pulls++ === 0 && head.byteLength > 0) return controller.enqueue(head)
        if (breaks)
          controller.error(new TypeError("terminated", { cause: new Error("other side closed") }))
        // Otherwise: never another chunk.
      },
      cancel() {
        stop()
      },
    })
  }

  const answerWith = async (fault: Fault, request: Request): Promise<Response> => {
    switch (fault.type) {
      case "htmlPage": {
        const echo = await echoOf(request)
        return new Response(
          `<!doctype html><html><body><h1>${fault.status} Error</h1><pre>${echo}</pre></body></html>`,
          { status: fault.status, headers: { "content-type": "text/html; charset=utf-8" } },
        )
      }
      case "truncatedJson": {
        const answer = await serve(request)
        const text = new TextDecoder().decode(answer.body)
        const cut = text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : '{"'
        return respond(answer, new TextEncoder().encode(cut))
      }
      case "wrongShapeJson":
        return Response.json({ unexpected: true, items: [1, "two", null] }, { status: 200 })
      case "emptyBody":
        return new Response(null, { status: 200, headers: { "content-type": "application/json" } })
      case "hugeBody":
        return new Response(hugeStream(fault.bytes ?? 10_000_000), {
          status: 200,
          headers: { "content-type": "application/json" },
        })
      case "serverError":
        return new Response("Service unavailable", {
          status: fault.status,
          headers: { "content-type": "text/plain" },
        })
      case "rateLimited": {
        const seconds = fault.seconds ?? defaultRetryAfterSeconds
        const headers = new Headers({ "content-type": "text/plain" })
        if (fault.retryAfter === "seconds") headers.set("retry-after", String(seconds))
        if (fault.retryAfter === "date")
          headers.set("retry-after", new Date(now() + seconds * 1000).toUTCString())
        return new Response("Too many requests", { status: 429, headers })
      }
      case "redirectLoop":
        // What `fetch` does after following a redirect to itself twenty times (or at once, with `redirect: "error"`).
        if (request.redirect === "manual")
          return new Response(null, { status: 302, headers: { location: request.url } })
        throw new TypeError("fetch failed", { cause: new Error("redirect count exceeded") })
      case "hangBeforeHeaders":
        return hang(request.signal)
      case "stallMidBody":
      case "erroringBody": {
        const answer = await serve(request)
        const head = answer.body.slice(0, Math.floor(answer.body.byteLength / 2))
        const body = halfBody(head, request.signal, fault.type === "erroringBody")
        return new Response(statusesWithoutBody.has(answer.status) ? null : body, {
          status: answer.status,
          statusText: answer.statusText,
          headers: withoutLength(answer.headers),
        })
      }
      case "connectionFailure":
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") })
      case "duplicateRequest": {
        await serve(request.clone())
        return toResponse(await serve(request))
      }
      case "replayedAnswer": {
        const stale = previous.get(keyOf(request))
        const fresh = await serve(request)
        return toResponse(stale ?? fresh)
      }
      default:
        return fault satisfies never
    }
  }

  const hang = (signal: AbortSignal) =>
    new Promise<Response>((_, reject) => {
      if (signal.aborted) return reject(signal.reason)
      holding++
      signal.addEventListener(
        "abort",
        () => {
          holding--
          reject(signal.reason)
        },
        { once: true },
      )
    })

  return {
    async fetch(request) {
      const picked = pick(request)
      // Nothing to replay is no fault at all.
      const fault =
        picked?.type === "replayedAnswer" && !previous.has(keyOf(request)) ? undefined : picked
      log.push({ method: request.method, url: request.url, fault })
      if (fault) return answerWith(fault, request)
      const answer = await serve(request)
      previous.set(keyOf(request), answer)
      return toResponse(answer)
    },
    inject(fault, rule = {}) {
      rules.push({ fault, when: rule.when, left: rule.times ?? Number.POSITIVE_INFINITY })
    },
    lift() {
      rules.length = 0
    },
    log,
    busy: () => working,
    held: () => holding,
  }
}

function toResponse(answer: Answer): Response {
  return respond(answer, answer.body)
}

function respond(answer: Answer, body: Uint8Array): Response {
  return new Response(statusesWithoutBody.has(answer.status) ? null : body.slice(), {
    status: answer.status,
    statusText: answer.statusText,
    headers: withoutLength(answer.headers),
  })
}

function withoutLength(headers: Headers): Headers {
  const copy = new Headers(headers)
  copy.delete("content-length")
  return copy
}

/** The request as a careless error page would print it: address, every header, the body. */
async function echoOf(request: Request): Promise<string> {
  const body = await request
    .clone()
    .text()
    .catch(() => "")
  const headers = [...request.headers].map(([name, value]) => `${name}: ${value}`).join("\n")
  return `${request.method} ${request.url}\n${headers}\n\n${body}`
}

function hugeStream(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(65_536))
  let sent = 0
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"data":"'))
    },
    pull(controller) {
      if (sent >= bytes) {
        controller.enqueue(new TextEncoder().encode('"}'))
        return controller.close()
      }
      sent += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
}
