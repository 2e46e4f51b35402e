import { type HttpHandler, http } from "msw"
import type { Emulator } from "../emulator"
import { withUrl } from "./mountDispatcher"

/**
 * Creates MSW handlers that answer every request under `baseUrl` with the emulator (for Storybook and browser tests).
 *
 * `baseUrl` may be absolute (`http://localhost:8008`) or a path on the page's origin (`/emulators/matrix`).
 *
 * @example
 * const worker = setupWorker(...mswHandlers(createMatrixEmulator(), "http://localhost:8008"))
 */
export function mswHandlers(emulator: Emulator, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, "")
  if (base === "") throw new Error("mswHandlers needs a base URL or path other than the root.")
  const answer = async ({ request }: { request: Request }) => {
    const url = new URL(request.url)
    const prefix = new URL(base, url).pathname.replace(/\/+$/, "")
    url.pathname = url.pathname.slice(prefix.length) || "/"
    return emulator.handle(await withUrl(request, url))
  }
  return [http.all(base, answer), http.all(`${base}/*`, answer)]
}
