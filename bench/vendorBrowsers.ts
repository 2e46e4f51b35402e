import { alice, type Clock, decodeJwt, type Emulator, jsonResponse } from "@latchkey/emulators"

/**
 * The browser's part of Matrix single sign-on: follow the homeserver to the stand-in identity provider, pick Alice,
 * and return where the browser lands (the app's callback with `loginToken`).
 */
export async function matrixSsoBrowser(emulator: Emulator, redirect: string): Promise<string> {
  const toIdp = await emulator.handle(new Request(redirect))
  const idpPage = new URL(toIdp.headers.get("location") ?? "", redirect)
  const page = await (await emulator.handle(new Request(idpPage))).text()
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? ""
  const hidden = /name="redirectUrl" value="([^"]+)"/.exec(page)?.[1] ?? ""
  const back = await emulator.handle(
    new Request(new URL(action, idpPage), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirectUrl: hidden.replaceAll("&amp;", "&"),
        user: alice.username,
      }).toString(),
    }),
  )
  return back.headers.get("location") ?? ""
}

/** The browser's part of Polario's SAML2 single sign-on: through the stand-in identity provider as Alice. */
export async function polarioSsoBrowser(emulator: Emulator, redirect: string): Promise<string> {
  const toIdp = await emulator.handle(new Request(redirect))
  const idp = new URL(toIdp.headers.get("Location") ?? "", redirect)
  const chosen = await emulator.handle(
    new Request(idp, {
      method: "POST",
      body: new URLSearchParams({
        RelayState: idp.searchParams.get("RelayState") ?? "",
        user: alice.email,
      }),
    }),
  )
  return chosen.headers.get("Location") ?? ""
}

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
