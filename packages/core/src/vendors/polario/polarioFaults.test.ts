import {
  alice,
  createPolarioEmulator,
  createSeededRandomBytes,
  decodeJwt,
  type PolarioEmulator,
  visitStandInIdp,
} from "@latchkey/emulators"
import { describe, it } from "vitest"
import { pathsOf, runFaultCase, type VendorFaultSpec } from "../../reliability/faultCases"
import { createRig, type Rig } from "../../reliability/faultRig"
import { faultCatalog, faultName } from "../../testing/faultyFetch"
import { type PolarioCredentials, polarioAdapter } from "./index"
// Loaded by the adapter on demand; loaded here up front, so that no case waits for a module to load.
import "./polarioSignIn"

const api = "http://polario.test/api"
const app = "http://app.test/signin"
/** An address of the app's own API behind Polario's session: the emulator serves only signing in. */
const dataUrl = "http://polario.test/data"
const servers = new WeakMap<object, PolarioEmulator>()

const spec: VendorFaultSpec<PolarioCredentials> = {
  rig() {
    let polario: PolarioEmulator | undefined
    const rig = createRig({
      adapter: polarioAdapter({ baseUrl: api }),
      url: app,
      server(clock) {
        const emulator = createPolarioEmulator({
          clock,
          random: createSeededRandomBytes(11),
          ssoReturnUrl: app,
        })
        polario = emulator
        return async (request) => {
          if (request.url !== dataUrl) return emulator.handle(request)
          const claims = decodeJwt(request.headers.get("Session") ?? "")
          const isLive = claims !== undefined && (claims.exp ?? 0) * 1000 > clock.now()
          return isLive ? Response.json({ items: [] }) : Response.json({}, { status: 401 })
        }
      },
    })
    if (polario) servers.set(rig, polario)
    return rig
  },
  person: { identifier: alice.email, password: alice.password },
  ssoProvider: "example-idp",
  async ssoLanding(rig: Rig<PolarioCredentials>, redirect) {
    const polario = servers.get(rig)
    if (!polario) throw new Error("no server")
    const landing = await visitStandInIdp(polario, redirect, alice.email)
    rig.ledger.add("issued", new URL(landing).searchParams.get("code"))
    return landing
  },
  protectedUrl: dataUrl,
  // Logging out reads only the status.
  unreadBodies: ["signOut"],
  expectations: {
    // The SSO code is single use: the second of two identical requests finds it spent (401).
    ssoCompletion: { duplicateRequest: { code: "session_expired" } },
    // Each SCRAM handshake is single use: a duplicated first message is refused as a replayed nonce (400), a
    // duplicated final one as a finished exchange.
    signIn: { duplicateRequest: { code: "invalid_input" } },
  },
}

const adapter = polarioAdapter({ baseUrl: api })

describe.each(pathsOf(spec, adapter))("Polario %s under each fault", (path) => {
  it.each(faultCatalog.map((fault) => [faultName(fault), fault] as const))(
    "%s",
    async (_, fault) => {
      await runFaultCase(spec, path, fault)
    },
  )
})
