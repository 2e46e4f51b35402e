import { type AuthClient, createAuthClient, webStorage } from "@latchkey/core"
import { type MatrixCredentials, matrixAdapter } from "@latchkey/core/matrix"

/** Where `latchkey-emulators` serves the Matrix emulator: its usual port, unless the page's address names another. */
export const homeserver: string =
  new URLSearchParams(window.location.search).get("homeserver") ?? "http://127.0.0.1:8008"

export const client: AuthClient<MatrixCredentials> = createAuthClient({
  adapter: matrixAdapter({ homeserver }),
  storage: webStorage("local"),
})
