import type { Emulator } from "../emulator"

/** Emulators by the path prefix they are served under, e.g. `{ "/emulators/matrix": matrix }`. */
export type EmulatorMounts = Readonly<Record<string, Emulator>>

/** Answers a request with the emulator mounted at its path, or `undefined` when no mount matches. */
export type MountDispatcher = (request: Request) => Promise<Response | undefined>

/**
 * Routes requests to emulators by path prefix, handing each emulator the path without its prefix.
 *
 * A single emulator is mounted at the root.
 *
 * @example
 * const dispatch = createMountDispatcher({ "/emulators/matrix": matrix })
 * await dispatch(new Request("http://localhost/emulators/matrix/_matrix/client/v3/login"))
 */
export function createMountDispatcher(target: Emulator | EmulatorMounts): MountDispatcher {
  const mounts = isEmulator(target)
    ? [{ prefix: "", emulator: target }]
    : Object.entries(target)
        .map(([prefix, emulator]) => ({ prefix: normalizePrefix(prefix), emulator }))
        // Longest first, so "/emulators/matrix-next" never reaches the "/emulators/matrix" mount.
        .sort((left, right) => right.prefix.length - left.prefix.length)
  return async (request) => {
    const url = new URL(request.url)
    for (const { prefix, emulator } of mounts) {
      if (prefix === "") return emulator.handle(request)
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) continue
      url.pathname = url.pathname.slice(prefix.length) || "/"
      return emulator.handle(await withUrl(request, url))
    }
    return undefined
  }
}

function isEmulator(target: Emulator | EmulatorMounts): target is Emulator {
  return typeof target.handle === "function"
}

function normalizePrefix(prefix: string): string {
  if (!prefix.startsWith("/")) throw new Error(`A mount prefix starts with "/": ${prefix}`)
  return prefix.replace(/\/+$/, "")
}

/**
 * Copies a request to a new URL; the body is buffered because browsers cannot re-send a streamed one.
 *
 * @example
 * const rewritten = await withUrl(request, new URL("/login", request.url))
 */
export async function withUrl(request: Request, url: URL): Promise<Request> {
  const hasBody = request.method !== "GET" && request.method !== "HEAD"
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : null,
    signal: request.signal,
    redirect: request.redirect,
  })
}
