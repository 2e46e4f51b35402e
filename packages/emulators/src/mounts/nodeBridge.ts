import type { IncomingMessage, ServerResponse } from "node:http"
import { normalizeAddress, remoteAddressHeader } from "../remoteAddress"

/**
 * Converts a Node request into a web `Request`, streaming its body; the client's address travels in
 * `remoteAddressHeader` (a header of that name from the client is dropped).
 *
 * @example
 * const request = toWebRequest(req, res)
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]
    const value = raw[index + 1]
    // HTTP/2 pseudo-headers (":path") are not valid header names for a web Request.
    if (name === undefined || value === undefined || name.startsWith(":")) continue
    if (name.toLowerCase() === remoteAddressHeader.toLowerCase()) continue
    headers.append(name, value)
  }
  headers.set(remoteAddressHeader, normalizeAddress(req.socket.remoteAddress ?? ""))
  const controller = new AbortController()
  res.on("close", () => {
    if (!res.writableFinished) controller.abort()
  })
  const method = req.method ?? "GET"
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal: controller.signal }
  if (method !== "GET" && method !== "HEAD" && hasBody(req)) {
    init.body = readableOf(req)
    init.duplex = "half"
  }
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`), init)
}

/**
 * Writes a web `Response` to a Node response: status, every header (each `Set-Cookie` separately) and the streamed body.
 *
 * @example
 * await writeWebResponse(res, await emulator.handle(request))
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  if (response.statusText !== "") res.statusMessage = response.statusText
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== "set-cookie") res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies)
  if (response.body === null) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  res.on("close", () => {
    if (!res.writableFinished) void reader.cancel().catch(() => {})
  })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (res.destroyed) break
      if (!res.write(value)) {
        // A client that hangs up never drains: wait for whichever comes first.
        await new Promise((resolve) => {
          res.once("drain", resolve)
          res.once("close", resolve)
        })
      }
    }
  } finally {
    res.end()
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"]
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0")
}

function readableOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)))
      req.on("end", () => controller.close())
      req.on("error", (error) => controller.error(error))
    },
  })
}
