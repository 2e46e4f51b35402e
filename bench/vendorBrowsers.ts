import {
  alice,
  type Clock,
  decodeJwt,
  type Emulator,
  jsonResponse,
  visitStandInIdp,
} from "@latchkey/emulators"

/** The browser's part of Matrix single sign-on: through the stand-in identity provider as Alice. */
export const matrixSsoBrowser = (emulator: Emulator, redirect: string): Promise<string> =>
  visitStandInIdp(emulator, redirect, alice.username)

/** The browser's part of Polario's SAML2 single sign-on: through the stand-in identity provider as Alice. */
export const polarioSsoBrowser = (emulator: Emulator, redirect: string): Promise<string> =>
  visitStandInIdp(emulator, redirect, alice.email)

/** Where the stand-in data call of a Polario app lives, under the API's base. */
const whoamiPath = "/api/bench/whoami"

/**
 * Polario's emulator with one data call added: `GET /api/bench/whoami` answers 200 while the `Session` JWT has not
 * expired and 401 after, the way the app's own API behind Polario sessions would. Everything else goes to Polario.
 */
export function withPolarioDataCall<Polario extends Emulator>(
  polario: Polario,
  clock: Clock,
): Polario {
  return {
    ...polario,
    handle(request) {
      if (new URL(request.url).pathname !== whoamiPath) return polario.handle(request)
      const claims = decodeJwt(request.headers.get("Session") ?? "")
      if (claims === undefined || claims.exp * 1000 <= clock.now())
        return Promise.resolve(jsonResponse({ error: "Session expired" }, { status: 401 }))
      return Promise.resolve(jsonResponse({ sub: claims.sub }))
    },
  }
}
