import type { AuthAdapter } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { matrixAdapter } from "@latchkey/core/matrix"
import { polarioAdapter } from "@latchkey/core/polario"
import {
  alice,
  bob,
  createCloudreveEmulator,
  createMatrixEmulator,
  createPolarioEmulator,
  type Emulator,
  type EmulatorOptions,
} from "@latchkey/emulators"

/** One vendor as the benchmarks drive it: its emulator, its adapter, and who signs in. */
export interface VendorScenario {
  readonly vendor: string
  readonly baseUrl: string
  emulator(options: EmulatorOptions): Emulator
  adapter(): AuthAdapter
  readonly password: { identifier: string; password: string }
  readonly secondFactor?: { identifier: string; password: string; totpSecret: string } | undefined
  /** An authenticated call whose answer says whether the token is still good. */
  readonly whoami: string
  /** The path a refresh request goes to. */
  readonly refreshPath: string
}

export const scenarios: VendorScenario[] = [
  {
    vendor: "matrix",
    baseUrl: "https://matrix.test",
    emulator: (options) => createMatrixEmulator(options),
    adapter: () => matrixAdapter({ homeserver: "https://matrix.test" }),
    password: { identifier: alice.matrixUserId, password: alice.password },
    whoami: "/_matrix/client/v3/account/whoami",
    refreshPath: "/_matrix/client/v3/refresh",
  },
  {
    vendor: "cloudreve",
    baseUrl: "https://cloud.test",
    emulator: (options) => createCloudreveEmulator(options),
    adapter: () => cloudreveAdapter({ baseUrl: "https://cloud.test" }),
    password: { identifier: alice.email, password: alice.password },
    secondFactor: {
      identifier: bob.email,
      password: bob.password,
      totpSecret: bob.totpSecret ?? "",
    },
    whoami: "/api/v4/user/me",
    refreshPath: "/api/v4/session/token/refresh",
  },
  {
    vendor: "polario",
    baseUrl: "https://polario.test/api",
    emulator: (options) => createPolarioEmulator(options),
    adapter: () => polarioAdapter({ baseUrl: "https://polario.test/api" }),
    password: { identifier: alice.email, password: alice.password },
    // Polario publishes no authenticated call besides sign-out: the emulator's own whoami stands in.
    whoami: "/_emulator/whoami",
    refreshPath: "/api/auth/session",
  },
]
