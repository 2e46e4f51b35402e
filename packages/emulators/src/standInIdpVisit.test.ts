import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"
import { createMatrixEmulator } from "./matrix/matrixEmulator"
import { alice } from "./people"
import { createPolarioEmulator } from "./polario/polarioEmulator"
import { createSeededRandomBytes } from "./randomBytes"
import { visitStandInIdp } from "./standInIdpVisit"

const app = "http://app.test/callback?from=here&x=1"

describe("visitStandInIdp", () => {
  it("takes Matrix single sign-on to the app with a login token that signs the person in once", async () => {
    const matrix = createMatrixEmulator({
      clock: createEmulatorClock(),
      random: createSeededRandomBytes(1),
    })
    const start = `http://hs.test/_matrix/client/v3/login/sso/redirect/oidc-github?redirectUrl=${encodeURIComponent(app)}`
    const landing = new URL(await visitStandInIdp(matrix, start, alice.username))
    // The app's own query survives the round trip next to the token.
    expect(landing.origin + landing.pathname).toBe("http://app.test/callback")
    expect(landing.searchParams.get("from")).toBe("here")
    const login = () =>
      matrix.handle(
        new Request("http://hs.test/_matrix/client/v3/login", {
          method: "POST",
          body: JSON.stringify({
            type: "m.login.token",
            token: landing.searchParams.get("loginToken"),
          }),
        }),
      )
    const signedIn = await login()
    expect(signedIn.status).toBe(200)
    expect(await signedIn.json()).toMatchObject({ user_id: "@alice:localhost" })
    expect((await login()).status).toBe(403)
  })

  it("takes Polario's SAML single sign-on to the app with a code the API exchanges", async () => {
    const polario = createPolarioEmulator({
      clock: createEmulatorClock(),
      random: createSeededRandomBytes(2),
      ssoReturnUrl: "http://app.test/polario/callback",
    })
    const start = "http://polario.test/api/auth/Saml2/example-idp?origin=Web"
    const landing = new URL(await visitStandInIdp(polario, start, alice.email))
    expect(landing.origin + landing.pathname).toBe("http://app.test/polario/callback")
    const exchanged = await polario.handle(
      new Request("http://polario.test/api/auth/sso-code", {
        method: "POST",
        headers: { "Content-Type": "application/json", Platform: "Web" },
        body: JSON.stringify({
          code: landing.searchParams.get("code"),
          os: "Linux",
          osVersion: "6.1",
          browser: "Firefox",
          deviceName: "Test",
        }),
      }),
    )
    expect(exchanged.status).toBe(200)
  })

  it("says so when the page does not offer the person, or there is no page", async () => {
    const matrix = createMatrixEmulator({ clock: createEmulatorClock() })
    const start = `http://hs.test/_matrix/client/v3/login/sso/redirect?redirectUrl=${encodeURIComponent(app)}`
    await expect(visitStandInIdp(matrix, start, "nobody")).rejects.toThrow(
      "The stand-in identity provider refused nobody (status 400)",
    )
    await expect(
      visitStandInIdp(matrix, "http://hs.test/_matrix/client/v3/login", "alice"),
    ).rejects.toThrow("No stand-in identity provider at /_matrix/client/v3/login (status 200)")
  })
})
