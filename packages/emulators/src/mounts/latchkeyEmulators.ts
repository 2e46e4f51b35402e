import type { IncomingMessage, ServerResponse } from "node:http"
import type { Plugin } from "vite"
import { createMountDispatcher, type EmulatorMounts } from "./mountDispatcher"
import { toWebRequest, writeWebResponse } from "./nodeBridge"

/** A connect-style middleware, as Vite's dev and preview servers use. */
export type EmulatorMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void

/**
 * Creates middleware that answers requests under the mounts' prefixes and passes every other request on.
 *
 * @example
 * server.middlewares.use(emulatorMiddleware({ "/emulators/matrix": createMatrixEmulator() }))
 */
export function emulatorMiddleware(mounts: EmulatorMounts): EmulatorMiddleware {
  const dispatch = createMountDispatcher(mounts)
  return (req, res, next) => {
    const answer = async () => {
      const response = await dispatch(toWebRequest(req, res))
      if (response === undefined) next()
      else await writeWebResponse(res, response)
    }
    answer().catch(next)
  }
}

/**
 * A Vite plugin that serves emulators under path prefixes of the dev and the preview server.
 *
 * @example
 * export default defineConfig({
 *   plugins: [latchkeyEmulators({ mounts: { "/emulators/matrix": createMatrixEmulator() } })],
 * })
 */
export function latchkeyEmulators(options: { readonly mounts: EmulatorMounts }): Plugin {
  const middleware = emulatorMiddleware(options.mounts)
  return {
    name: "latchkey-emulators",
    configureServer(server) {
      server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware)
    },
  }
}
