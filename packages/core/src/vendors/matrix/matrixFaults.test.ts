import {
  alice,
  createMatrixEmulator,
  createSeededRandomBytes,
  type MatrixEmulator,
  visitStandInIdp,
} from "@latchkey/emulators"
import { describe, it } from "vitest"
import { pathsOf, runFaultCase, type VendorFaultSpec } from "../../reliability/faultCases"
import { createRig, type Rig } from "../../reliability/faultRig"
import { faultCatalog, faultName } from "../../testing/faultyFetch"
import {
  canCreateLoginToken,
  createLoginToken,
  type MatrixCredentials,
  matrixAdapter,
} from "./index"

const homeserver = "http://localhost:8008"
const servers = new WeakMap<object, MatrixEmulator>()

function serverOf(rig: Rig<MatrixCredentials>): MatrixEmulator {
  const server = servers.get(rig)
  if (!server) throw new Error("no server")
  return server
}

const spec: VendorFaultSpec<MatrixCredentials> = {
  rig() {
    let matrix: MatrixEmulator | undefined
    const rig = createRig({
      adapter: matrixAdapter({ homeserver }),
      url: "http://app.test/signin",
      server(clock) {
        matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(3) })
        return (request) => (matrix as MatrixEmulator).handle(request)
      },
    })
    if (matrix) servers.set(rig, matrix)
    return rig
  },
  person: { identifier: alice.matrixUserId, password: alice.password },
  ssoProvider: "oidc-github",
  async ssoLanding(rig, redirect) {
    const matrix = serverOf(rig)
    const landing = await visitStandInIdp(matrix, redirect, alice.username)
    rig.ledger.add("issued", new URL(landing).searchParams.get("loginToken"))
    return landing
  },
  async requireReauth(rig) {
    // Soft logout: the next call finds the token refused, the refresh too, and the user is asked again.
    serverOf(rig).softLogout(alice.matrixUserId)
    await rig.client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`).catch(() => undefined)
  },
  async vendorHelper(rig) {
    // Signing in on another device: whether the server offers it, then a token after proving the password again.
    if (!(await canCreateLoginToken(rig.client))) throw new Error("login tokens not offered")
    await createLoginToken(rig.client, { password: alice.password })
  },
  protectedUrl: `${homeserver}/_matrix/client/v3/account/whoami`,
  // Logging out reads only the status: any 2xx is done.
  unreadBodies: ["signOut"],
  expectations: {
    // The login token is single use: the second of two identical requests finds it spent.
    ssoCompletion: { duplicateRequest: { code: "session_expired" } },
    // The password stage is single use: the second of two identical requests is challenged again, and a cache that
    // hands back the first challenge for the password's answer challenges again too — read as a password refused.
    vendorHelper: {
      duplicateRequest: { code: "invalid_credentials" },
      replayedAnswer: { code: "invalid_credentials" },
    },
  },
}

const adapter = matrixAdapter({ homeserver })

describe.each(pathsOf(spec, adapter))("Matrix %s under each fault", (path) => {
  it.each(faultCatalog.map((fault) => [faultName(fault), fault] as const))(
    "%s",
    async (_, fault) => {
      await runFaultCase(spec, path, fault)
    },
  )
})
