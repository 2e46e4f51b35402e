import {
  alice,
  bob,
  createCloudreveEmulator,
  createSeededRandomBytes,
  generateTotp,
} from "@latchkey/emulators"
import { describe, it } from "vitest"
import { pathsOf, runFaultCase, type VendorFaultSpec } from "../../reliability/faultCases"
import { createRig } from "../../reliability/faultRig"
import { faultCatalog, faultName } from "../../testing/faultyFetch"
import { type CloudreveCredentials, cloudreveAdapter } from "./index"

const baseUrl = "https://cloud.test"

const spec: VendorFaultSpec<CloudreveCredentials> = {
  rig: () =>
    createRig({
      adapter: cloudreveAdapter({ baseUrl }),
      url: "https://app.test/signin",
      server(clock) {
        const cloudreve = createCloudreveEmulator({ clock, random: createSeededRandomBytes(11) })
        return (request) => cloudreve.handle(request)
      },
      // A 203 envelope's bare `data` is the 2FA session id.
      ledger: {
        harvest: (_, json) =>
          typeof json === "object" && json !== null && "code" in json && json.code === 203
            ? [String((json as { data?: unknown }).data)]
            : [],
      },
    }),
  person: { identifier: alice.email, password: alice.password },
  secondFactor: {
    person: { identifier: bob.email, password: bob.password },
    code: (now) => generateTotp(bob.totpSecret ?? "", now),
  },
  protectedUrl: `${baseUrl}/api/v4/user/me`,
  expectations: {
    // The first of two identical requests spends the 2FA session; the second finds it gone (404).
    secondFactor: { duplicateRequest: { code: "second_factor_expired" } },
  },
}

const adapter = cloudreveAdapter({ baseUrl })

describe.each(pathsOf(spec, adapter))("Cloudreve %s under each fault", (path) => {
  it.each(faultCatalog.map((fault) => [faultName(fault), fault] as const))(
    "%s",
    async (_, fault) => {
      await runFaultCase(spec, path, fault)
    },
  )
})
