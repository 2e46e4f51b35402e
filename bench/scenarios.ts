import type { AuthAdapter, SignInInput } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { filescomAdapter } from "@latchkey/core/filescom"
import { matrixAdapter } from "@latchkey/core/matrix"
import { polarioAdapter } from "@latchkey/core/polario"
import { sftpgoAdapter } from "@latchkey/core/sftpgo"
import {
  alice,
  bob,
  type Clock,
  createCloudreveEmulator,
  createFilescomEmulator,
  createMatrixEmulator,
  createPolarioEmulator,
  createSeededRandomBytes,
  createSftpgoEmulator,
  type Emulator,
} from "@latchkey/emulators"
import { matrixSsoBrowser, polarioSsoBrowser, withPolarioDataCall } from "./vendorBrowsers"

/** The five vendors, in the order every table lists them. */
export const vendors = ["matrix", "cloudreve", "polario", "filescom", "sftpgo"] as const
export type Vendor = (typeof vendors)[number]

/** What a benchmark may change about an emulator: its time and its token lifetimes. */
export interface ScenarioEmulatorOptions {
  readonly clock: Clock
  readonly accessTokenTtlMs?: number | undefined
  readonly refreshTokenTtlMs?: number | undefined
}

/** The app's page, where single sign-on comes back to. */
export const appUrl = "https://app.test/sign-in"

/** One vendor as the benchmarks drive it: its emulator, its adapter, who signs in, and how the browser helps. */
export interface VendorScenario {
  readonly vendor: Vendor
  /** Rate limits are off: the benchmarks measure the engine, not the server's patience. */
  emulator(options: ScenarioEmulatorOptions): Emulator
  adapter(): AuthAdapter
  readonly password: SignInInput
  /** Bob, who has a TOTP second factor: sent with the password (`inline`) or asked for in a second step. */
  readonly secondFactor?:
    | { readonly input: SignInInput; readonly totpSecret: string; readonly inline: boolean }
    | undefined
  /** Single sign-on: the provider to pick, and the browser's part from the redirect to the app's callback. */
  readonly sso?:
    | {
        readonly providerId: string
        browse(emulator: Emulator, redirect: string): Promise<string>
      }
    | undefined
  /** An authenticated call of the app whose answer says whether the credentials are still good. */
  readonly dataCall: string
  /** The path a refresh request goes to; absent for vendors that ask for the password again instead. */
  readonly refreshPath?: string | undefined
  /**
   * When the user re-authenticates (keeping the session's user): after a refresh refused with a soft logout, or when
   * a session without refresh reaches its lifetime. Absent where a refused refresh means signed out for good.
   */
  readonly reauthAfter?: "refreshRefused" | "lifetime" | undefined
}

const seeded = (seed: number) => createSeededRandomBytes(seed)

/**
 * Every vendor against its in-process emulator. Polario's session endpoints have no data call, so the bench answers
 * one (`/api/bench/whoami`) by reading the session JWT's expiry, as the app's own API behind Polario would.
 */
export const scenarios: readonly VendorScenario[] = [
  {
    vendor: "matrix",
    emulator: (options) =>
      createMatrixEmulator({ ...options, random: seeded(1), rateLimit: false }),
    adapter: () => matrixAdapter({ homeserver: "https://matrix.test" }),
    password: { identifier: alice.matrixUserId, password: alice.password },
    sso: { providerId: "oidc-github", browse: matrixSsoBrowser },
    dataCall: "https://matrix.test/_matrix/client/v3/account/whoami",
    refreshPath: "/_matrix/client/v3/refresh",
    reauthAfter: "refreshRefused",
  },
  {
    vendor: "cloudreve",
    emulator: (options) => createCloudreveEmulator({ ...options, random: seeded(2) }),
    adapter: () => cloudreveAdapter({ baseUrl: "https://cloud.test" }),
    password: { identifier: alice.email, password: alice.password },
    secondFactor: {
      input: { identifier: bob.email, password: bob.password },
      totpSecret: bob.totpSecret ?? "",
      inline: false,
    },
    dataCall: "https://cloud.test/api/v4/user/me",
    refreshPath: "/api/v4/session/token/refresh",
  },
  {
    vendor: "polario",
    emulator: (options) =>
      withPolarioDataCall(
        createPolarioEmulator({
          ...options,
          random: seeded(3),
          ssoReturnUrl: appUrl,
          rateLimit: false,
        }),
        options.clock,
      ),
    adapter: () => polarioAdapter({ baseUrl: "https://polario.test/api" }),
    password: { identifier: alice.email, password: alice.password },
    sso: { providerId: "example-idp", browse: polarioSsoBrowser },
    dataCall: "https://polario.test/api/bench/whoami",
    refreshPath: "/api/auth/session",
  },
  {
    vendor: "filescom",
    emulator: (options) =>
      createFilescomEmulator({ ...options, random: seeded(4), rateLimit: false }),
    adapter: () => filescomAdapter({ baseUrl: "https://acme.files.test" }),
    password: { identifier: alice.username, password: alice.password },
    secondFactor: {
      input: { identifier: bob.username, password: bob.password },
      totpSecret: bob.totpSecret ?? "",
      inline: false,
    },
    dataCall: "https://acme.files.test/api/rest/v1/folders",
    reauthAfter: "lifetime",
  },
  {
    vendor: "sftpgo",
    emulator: (options) =>
      createSftpgoEmulator({ ...options, random: seeded(5), rateLimit: false, defender: false }),
    adapter: () => sftpgoAdapter({ baseUrl: "https://sftpgo.test" }),
    password: { identifier: alice.username, password: alice.password },
    secondFactor: {
      input: { identifier: bob.username, password: bob.password },
      totpSecret: bob.totpSecret ?? "",
      inline: true,
    },
    dataCall: "https://sftpgo.test/api/v2/user/profile",
    reauthAfter: "lifetime",
  },
]

/** The scenario of one vendor. */
export function scenarioOf(vendor: Vendor): VendorScenario {
  const scenario = scenarios.find((candidate) => candidate.vendor === vendor)
  if (!scenario) throw new Error(`No scenario for ${vendor}`)
  return scenario
}
