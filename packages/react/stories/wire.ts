/** What can happen to the next request to a path, on its way to the server or back. */
export type WireTrouble =
  /** The connection fails (offline, DNS, refused): the server never sees the request. */
  | { readonly type: "network" }
  /** Something between the app and the server (a proxy, a captive portal) answers instead. */
  | { readonly type: "answer"; readonly response: () => Response }

/**
 * The line between a story's client and its server: every request reaches the server (an emulator or the
 * core's fake server) unless the story breaks the line or holds the answer back.
 */
export interface Wire {
  readonly fetch: (request: Request) => Promise<Response>
  /** `METHOD /path` of every request, in order. */
  readonly requests: string[]
  /** How many requests matched (`"POST /login"`: method and end of path). */
  count(match: string): number
  /** Holds the server's answer to the next matching request (`"POST /login"`: method and end of path) until `release()`. */
  hold(match: string): { release(): void }
  /** Breaks the next matching request (`"POST /login"`: method and end of path). */
  breakNext(match: string, trouble: WireTrouble): void
}

/** A page from a proxy in front of the server: a 200 that is not the server's answer. */
export const proxyPage = (): Response =>
  new Response("<!doctype html><title>Wi-Fi sign-in</title><p>Accept the terms to continue.</p>", {
    status: 200,
    headers: { "content-type": "text/html" },
  })

/** Whether a request line (`POST /api/v4/session/token`) matches `POST /session/token`: same method, path ending so. */
const matches = (match: string, line: string): boolean => {
  const [method, path] = match.split(" ")
  return line.startsWith(`${method} `) && line.endsWith(path ?? "")
}

export function createWire(server: (request: Request) => Promise<Response>): Wire {
  const requests: string[] = []
  const holds: { match: string; gate: Promise<void> }[] = []
  const troubles: { match: string; trouble: WireTrouble }[] = []
  const take = <T extends { match: string }>(list: T[], request: string): T | undefined => {
    const index = list.findIndex((entry) => matches(entry.match, request))
    return index === -1 ? undefined : list.splice(index, 1)[0]
  }
  return {
    requests,
    async fetch(request) {
      const line = `${request.method} ${new URL(request.url).pathname}`
      requests.push(line)
      const held = take(holds, line)
      const trouble = take(troubles, line)?.trouble
      if (trouble?.type === "network") {
        await held?.gate
        throw new TypeError("Failed to fetch")
      }
      const response = trouble ? trouble.response() : await server(request)
      await held?.gate
      return response
    },
    count: (match) => requests.filter((line) => matches(match, line)).length,
    hold(match) {
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      holds.push({ match, gate })
      return { release }
    },
    breakNext(match, trouble) {
      troubles.push({ match, trouble })
    },
  }
}
