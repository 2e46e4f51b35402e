import {
  alice,
  bob,
  createFilescomEmulator,
  createSeededRandomBytes,
  generateTotp,
} from "@latchkey/emulators"
import { describe, it } from "vitest"
import { pathsOf, runFaultCase, type VendorFaultSpec } from "../../reliability/faultCases"
import { createRig } from "../../reliability/faultRig"
import { faultCatalog, faultName } from "../../testing/faultyFetch"
import { type FilescomCredentials, filescomAdapter } from "./index"

const baseUrl = "https://acme.files.test"
const lifetimeMs = 6 * 60 * 60_000

const spec: VendorFaultSpec<FilescomCredentials> = {
  rig: () =>
    createRig({
      adapter: filescomAdapter({ baseUrl }),
      url: "https://app.test/signin",
      server(clock) {
        const filescom = createFilescomEmulator({ clock, random: createSeededRandomBytes(5) })
        return (request) => filescom.handle(request)
      },
      // A created session's `id` is what authenticates every later call.
      ledger: {
        harvest: ({ status }, json) =>
          status === 201 && typeof json === "object" && json !== null && "id" in json
            ? [String(json.id)]
            : [],
      },
    }),
  person: { identifier: "alice", password: alice.password },
  secondFactor: {
    person: { identifier: "bob", password: bob.password },
    code: (now) => generateTotp(bob.totpSecret ?? "", now),
  },
  async requireReauth(rig) {
    await rig.clock.advance(lifetimeMs)
  },
  protectedUrl: `${baseUrl}/api/rest/v1/folders/`,
  // Ending a session answers an empty body: only the status is read.
  unreadBodies: ["signOut"],
  expectations: {
    // The first of two identical requests spends the code; the second is asked for a code again. A cached answer
    // to the password step asks for a code again too.
    secondFactor: {
      duplicateRequest: { code: "invalid_second_factor" },
      replayedAnswer: { code: "invalid_second_factor" },
    },
  },
}

const adapter = filescomAdapter({ baseUrl })

describe.each(pathsOf(spec, adapter))("Files.com %s under each fault", (path) => {
  it.each(faultCatalog.map((fault) => [faultName(fault), fault] as const))(
    "%s",
    async (_, fault) => {
      await runFaultCase(spec, path, fault)
    },
  )
})
