import {
  alice,
  bob,
  createSeededRandomBytes,
  createSftpgoEmulator,
  generateTotp,
} from "@latchkey/emulators"
import { describe, it } from "vitest"
import { pathsOf, runFaultCase, type VendorFaultSpec } from "../../reliability/faultCases"
import { createRig } from "../../reliability/faultRig"
import { faultCatalog, faultName } from "../../testing/faultyFetch"
import { type SftpgoCredentials, sftpgoAdapter, sftpgoFailure } from "./index"

const baseUrl = "https://sftpgo.test"

const spec: VendorFaultSpec<SftpgoCredentials> = {
  rig: () =>
    createRig({
      adapter: sftpgoAdapter({ baseUrl }),
      url: "https://app.test/signin",
      server(clock) {
        const sftpgo = createSftpgoEmulator({ clock, random: createSeededRandomBytes(7) })
        return (request) => sftpgo.handle(request)
      },
    }),
  person: { identifier: "alice", password: alice.password },
  secondFactor: {
    person: { identifier: "bob", password: bob.password },
    code: (now) => generateTotp(bob.totpSecret ?? "", now),
  },
  async requireReauth(rig) {
    await rig.clock.advance(20 * 60_000)
  },
  async vendorHelper(rig) {
    // The app reads the answer to its own call as the error it stands for: none when the call went through.
    const response = await rig.client.fetch(`${baseUrl}/api/v2/user/profile`)
    const error = await sftpgoFailure(rig.client, response)
    if (error) throw error
  },
  protectedUrl: `${baseUrl}/api/v2/user/profile`,
  // Logging out reads only the status; so does reading an answer that is not a refusal.
  unreadBodies: ["signOut", "vendorHelper"],
  expectations: {
    // The first of two identical requests spends the code; the second is refused like a wrong password.
    secondFactor: { duplicateRequest: { code: "invalid_credentials" } },
  },
}

const adapter = sftpgoAdapter({ baseUrl })

describe.each(pathsOf(spec, adapter))("SFTPGo %s under each fault", (path) => {
  it.each(faultCatalog.map((fault) => [faultName(fault), fault] as const))(
    "%s",
    async (_, fault) => {
      await runFaultCase(spec, path, fault)
    },
  )
})
