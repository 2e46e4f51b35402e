import { type AuthClient, createAuthClient } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { matrixAdapter } from "@latchkey/core/matrix"
import { createManualClock, createTestPlatform, type ManualClock } from "@latchkey/core/testing"
import {
  alice,
  bob,
  createCloudreveEmulator,
  createMatrixEmulator,
  createSeededRandomBytes,
  generateTotp,
  visitStandInIdp,
} from "@latchkey/emulators"
import { act, render, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import { LatchkeyDevtoolsPanel } from "./production"

/** Rendering, axe and the emulators take a while on two shared cores. */
const slow = { timeout: 20_000 }

/** Names of the JSON fields and headers that carry something secret, on either side of the wire. */
const secretField = /password|token|session_id|otp|secret|^authorization$/i

/**
 * A wire to an emulator that keeps every secret either side sent: passwords and codes in request bodies, tokens and
 * session ids in answers (Cloudreve's 2FA session id is the bare `data` of its 203 envelope), credentials in headers
 * and one-time tokens in addresses.
 */
function secretKeepingWire(handle: (request: Request) => Promise<Response>) {
  const secrets = new Set<string>()
  const keep = (value: unknown, key = ""): void => {
    if (typeof value === "string") {
      if (secretField.test(key) && value.length >= 6) secrets.add(value)
    } else if (Array.isArray(value)) {
      for (const item of value) keep(item, key)
    } else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>
      if (record.code === 203) keep(record.data, "session_id")
      for (const [name, item] of Object.entries(record)) keep(item, name)
    }
  }
  const keepBody = (text: string) => {
    try {
      keep(JSON.parse(text))
    } catch {
      // Not JSON (an HTML page, an empty body): nothing to keep.
    }
  }
  const inFlight = new Set<Promise<unknown>>()
  const fetch = (request: Request): Promise<Response> => {
    const pending = (async () => {
      for (const [name, value] of request.headers) keep(value.replace(/^\w+ /, ""), name)
      for (const [name, value] of new URL(request.url).searchParams) keep(value, name)
      keepBody(await request.clone().text())
      const response = await handle(request)
      keepBody(await response.clone().text())
      return response
    })()
    inFlight.add(pending)
    const done = () => inFlight.delete(pending)
    pending.then(done, done)
    return pending
  }
  return { fetch, secrets, inFlight }
}

/** Everything the panel has on screen, attributes included. */
const rendered = () => document.body.innerHTML

function renderPanel(client: AuthClient, clock: ManualClock, inFlight: Set<Promise<unknown>>) {
  render(<LatchkeyDevtoolsPanel client={client} />)
  // The emulators sign with WebCrypto, which settles on a thread pool no clock flush reaches: wait for the
  // requests themselves, then let what they started settle.
  return () =>
    act(async () => {
      await clock.advance(0)
      while (inFlight.size > 0) {
        await Promise.allSettled(inFlight)
        await clock.advance(0)
      }
    })
}

/** Every secret of the run, checked against what the panel showed at each step. */
function expectNoneShown(shown: readonly string[], secrets: ReadonlySet<string>) {
  expect(secrets.size).toBeGreaterThan(4)
  for (const secret of secrets)
    for (const html of shown) expect(html.includes(secret), `panel shows ${secret}`).toBe(false)
}

describe("what the panel shows of a real run", slow, () => {
  it("Matrix: password, refresh, expiry and a single sign-on round trip — no password or token", async () => {
    const user = userEvent.setup({ delay: null })
    const homeserver = "https://matrix.test"
    const clock = createManualClock()
    const emulator = createMatrixEmulator({ clock, random: createSeededRandomBytes(3) })
    const wire = secretKeepingWire((request) => emulator.handle(request))
    const platform = createTestPlatform({ clock, url: "https://app.test/", fetch: wire.fetch })
    const client = createAuthClient({ adapter: matrixAdapter({ homeserver }), platform })
    const settle = renderPanel(client, clock, wire.inFlight)
    const shown: string[] = []
    const step = async () => {
      await settle()
      shown.push(rendered())
    }

    const flow = client.signIn()
    await step()
    await act(() => flow.submit({ identifier: alice.matrixUserId, password: alice.password }))
    await step()
    expect(screen.getByText("@alice:localhost", { selector: "dd" })).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Refresh now" }))
    await step()
    await user.click(screen.getByRole("button", { name: "Expire access token" }))
    await step()
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await step()

    // Single sign-on: the browser's part by hand, back to the app with a one-time login token in the address.
    const sso = client.signIn()
    await step()
    await act(() => sso.startSso("oidc-github"))
    const landing = await visitStandInIdp(emulator, platform.visited.at(-1) ?? "", "bob")
    const loginToken = new URL(landing).searchParams.get("loginToken") ?? ""
    expect(loginToken).not.toBe("")
    wire.secrets.add(loginToken)
    client.completeSso(landing)
    await step()
    expect(screen.getByText("@bob:localhost", { selector: "dd" })).toBeInTheDocument()

    const entries = within(screen.getByRole("list", { name: "Events, newest first" }))
    expect(entries.getAllByText("/_matrix/client/v3/refresh").length).toBeGreaterThanOrEqual(2)
    wire.secrets.add(alice.password)
    expectNoneShown(shown, wire.secrets)
  })

  it("Cloudreve: password, a second factor with a real TOTP code, refresh — no password, code, 2FA session or token", async () => {
    const user = userEvent.setup({ delay: null })
    const clock = createManualClock()
    const emulator = createCloudreveEmulator({ clock, random: createSeededRandomBytes(11) })
    const wire = secretKeepingWire((request) => emulator.handle(request))
    const platform = createTestPlatform({ clock, fetch: wire.fetch })
    const client = createAuthClient({
      adapter: cloudreveAdapter({ baseUrl: "https://cloud.test" }),
      platform,
    })
    const settle = renderPanel(client, clock, wire.inFlight)
    const shown: string[] = []
    const step = async () => {
      await settle()
      shown.push(rendered())
    }

    const flow = client.signIn()
    await step()
    await act(() => flow.submit({ identifier: bob.email, password: "not his password" }))
    await step()
    await act(() => flow.submit({ identifier: bob.email, password: bob.password }))
    await step()
    expect(screen.getByText("secondFactor", { selector: "dd" })).toBeInTheDocument()
    await act(() => flow.submitCode("000000"))
    await step()
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    await act(() => flow.submitCode(code))
    await step()
    expect(screen.getByText("signedIn", { selector: "dd span" })).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Refresh now" }))
    await step()
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await step()

    for (const secret of [bob.password, "not his password", code]) wire.secrets.add(secret)
    expect(screen.getAllByText("/api/v4/session/token/2fa").length).toBe(2)
    expectNoneShown(shown, wire.secrets)
  })
})
