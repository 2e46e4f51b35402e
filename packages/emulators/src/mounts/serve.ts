import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import type { Emulator } from "../emulator"
import { createCors } from "./cors"
import { createMountDispatcher, type EmulatorMounts } from "./mountDispatcher"
import { toWebRequest, writeWebResponse } from "./nodeBridge"

/** Where and how to serve emulators over HTTP. */
export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** Loopback by default, so an emulator is never reachable from the network by accident. */
  readonly host?: string
  /** Browser origins allowed to call the emulators; none by default. `"*"` allows any. */
  readonly corsOrigins?: readonly string[]
}

/** A running HTTP server of one or more emulators. */
export interface ServedEmulators {
  /** The server's base URL without a trailing slash, e.g. `http://127.0.0.1:8008`. */
  readonly url: string
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

/**
 * Serves one emulator at the root, or several by path prefix, on a real HTTP server.
 *
 * @example
 * const server = await serve(createMatrixEmulator(), { port: 8008, corsOrigins: ["http://localhost:5173"] })
 * console.log(server.url)
 * await server.close()
 */
export async function serve(
  target: Emulator | EmulatorMounts,
  options: ServeOptions = {},
): Promise<ServedEmulators> {
  const dispatch = createMountDispatcher(target)
  const cors = createCors(options.corsOrigins ?? [])
  const host = options.host ?? "127.0.0.1"

  const server = createServer((req, res) => {
    const answer = async (): Promise<Response> => {
      const request = toWebRequest(req, res)
      const preflight = cors.preflight(request)
      if (preflight !== undefined) return preflight
      const response =
        (await dispatch(request)) ?? new Response("No emulator is mounted here", { status: 404 })
      return cors.decorate(request, response)
    }
    answer()
      .catch(() => new Response("Emulator server failure", { status: 500 }))
      .then((response) => writeWebResponse(res, response))
      .catch(() => res.destroy())
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const shownHost = host.includes(":") ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      }),
  }
}
