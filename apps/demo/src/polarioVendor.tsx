import { createAuthClient } from "@latchkey/core"
import { polarioAdapter } from "@latchkey/core/polario"
import {
  polarioDisabledPerson,
  polarioLockedPerson,
  polarioPeople,
  polarioUnicodePerson,
} from "@latchkey/emulators"
import { emulatorUrl } from "./vendorConnections"
import type { VendorEntry } from "./vendors"

const notes: Readonly<Record<string, string>> = {
  [polarioLockedPerson.email]: "Locked: the right password is refused.",
  [polarioDisabledPerson.email]: "Disabled: the right password is refused.",
  [polarioUnicodePerson.email]:
    "Her password needs SASLprep: full-width letters, an em space and a hidden soft hyphen. “erin passphrase” signs in too.",
}

/** Polario: SCRAM in two requests, JWT sessions renewed through `/auth/session`, SAML2 single sign-on. */
export const polario: VendorEntry = {
  id: "polario",
  name: "Polario",
  summary:
    "SCRAM-SHA-256 sign-in in two requests — the password never leaves the browser, and the server must prove it knows it — JWT sessions renewed with a refresh token, SAML2 single sign-on.",
  // The API lives under `/api` on the real host too: the server address names it.
  emulatorPath: "/emulators/polario/api",
  serverPlaceholder: "https://custom.polario.de/api",
  protectedCallLabel: "GET /api/_emulator/whoami",
  protectedCallNote:
    "Polario's published API has no authenticated call besides sign-out, so this one is the emulator's own: it shows the JWT going out in the Session header. With a real server there is nothing to call.",
  // Polario has no second factor: nobody's TOTP secret is shown here.
  accounts: polarioPeople.map((person) => ({
    person,
    identifier: person.email,
    note: notes[person.email],
  })),
  tips: [
    "Sign in and watch the timeline: POST /auth/auth, then POST /auth/login. The password itself is never sent; the form says “Checking your password…” while this device derives its key.",
    "Continue with Example Corp: the emulator's stand-in SAML2 identity provider asks who signs in, then sends you back with a one-time code — accepted only in the tab that set off, which keeps a single-use marker for 10 minutes.",
    "Sign in as Carol or Dave: locked and disabled accounts are refused after the right password.",
    "Settings → 600 000 SCRAM iterations: feel a real server's cost while the form stays usable; 1 000 is below the client's floor and refused.",
    "Signed in, press Refresh now: POST /auth/session brings a new JWT in the Session response header.",
  ],
  connect(serverUrl, shared) {
    const client = createAuthClient({
      ...shared,
      adapter: polarioAdapter({
        baseUrl: serverUrl,
        // Polario's device fields (os, browser, device name) are read from it at each sign-in.
        userAgent: () => navigator.userAgent,
      }),
    })
    const isEmulator = serverUrl === emulatorUrl(polario)
    return {
      client,
      protectedCallUrl: () =>
        isEmulator ? `${serverUrl.replace(/\/+$/, "")}/_emulator/whoami` : undefined,
    }
  },
}
