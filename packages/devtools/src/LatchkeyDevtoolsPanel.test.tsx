import { fakeSecondFactorCode } from "@latchkey/core/testing"
import { act, render, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import { timelineCapacity } from "./clientRecord"
import { LatchkeyDevtoolsPanel } from "./production"
import { axeViolations } from "./test/axe"
import { fact } from "./test/facts"
import { fakeClient, twoTabs } from "./test/fakeClient"

/** Rendering, axe and the emulators take a while on two shared cores. */
const slow = { timeout: 20_000 }

const timeline = () => screen.getByRole("list", { name: "Events, newest first" })
const newestEntry = () => within(timeline()).getAllByRole("listitem")[0]

describe("<LatchkeyDevtoolsPanel>", slow, () => {
  it("shows the session live, counting down on the client's clock, and the refresh when it comes", async () => {
    const { client, signIn, advance } = fakeClient({ accessTtlMs: 60_000 })
    const { container } = render(<LatchkeyDevtoolsPanel client={client} />)
    await advance(0)
    expect(fact("Status")).toHaveTextContent("signedOut")
    expect(fact("User")).toHaveTextContent("—")
    expect(fact("Sign-in flow")).toHaveTextContent("none")

    await signIn()
    expect(fact("Status")).toHaveTextContent("signedIn")
    expect(fact("User")).toHaveTextContent("Alice Liddell alice")
    expect(fact("Access token")).toHaveTextContent("expires in 1:00")
    // A refresh is due a fifth of the lifetime before expiry.
    expect(fact("Next renewal")).toHaveTextContent("refresh in 0:48")
    expect(fact("This tab")).toHaveTextContent("leads renewals")
    expect(fact("Error")).toHaveTextContent("none")
    expect(await axeViolations(container)).toEqual([])

    await advance(10_000)
    expect(fact("Access token")).toHaveTextContent("expires in 0:50")
    expect(fact("Next renewal")).toHaveTextContent("refresh in 0:38")

    await advance(38_000)
    expect(fact("Access token")).toHaveTextContent("expires in 1:00")
    const refresh = within(timeline())
      .getAllByRole("listitem")
      .find((entry) => entry.textContent?.includes("/refresh"))
    expect(refresh).toHaveTextContent(/POST\s*\/refresh 200 \d+ ms/)
    expect(newestEntry()).toHaveTextContent(/state\s*signedIn · Alice Liddell · until/)
  })

  it("turns a countdown's seconds over on time, whatever fraction of a second the session started at", async () => {
    const { client, signIn, advance } = fakeClient({ accessTtlMs: 60_000 })
    render(<LatchkeyDevtoolsPanel client={client} />)
    await advance(300)
    await signIn()
    expect(fact("Access token")).toHaveTextContent("expires in 1:00")
    // 59.0 s left: the countdown shows it then, not at the clock's next whole second.
    await advance(1_000)
    expect(fact("Access token")).toHaveTextContent("expires in 0:59")
    expect(fact("Next renewal")).toHaveTextContent("refresh in 0:47")
  })

  it("follows the sign-in flow step by step", async () => {
    const { client, advance } = fakeClient()
    render(<LatchkeyDevtoolsPanel client={client} />)
    const flow = client.signIn()
    await advance(0)
    expect(fact("Sign-in flow")).toHaveTextContent("start")
    await act(() => flow.submit({ identifier: "bob", password: "hunter2 hunter2" }))
    expect(fact("Sign-in flow")).toHaveTextContent("secondFactor")
    expect(newestEntry()).toHaveTextContent(/flow\s*secondFactor/)
    await act(() => flow.submitCode(fakeSecondFactorCode))
    expect(fact("Sign-in flow")).toHaveTextContent("none")
    expect(fact("User")).toHaveTextContent("Bob Builder bob")
  })

  it("shows errors with their code, the vendor's code, the status and how long a rate limit lasts", async () => {
    const { client, server, advance } = fakeClient()
    render(<LatchkeyDevtoolsPanel client={client} />)
    const flow = client.signIn()
    await advance(0)
    await act(() => flow.submit({ identifier: "alice", password: "wrong" }))
    expect(fact("Sign-in flow")).toHaveTextContent(
      "start · invalid_credentials · vendor code invalid_credentials · HTTP 401",
    )
    server.failNext("/login", { type: "status", status: 429, headers: { "retry-after": "30" } })
    await act(() => flow.submit({ identifier: "alice", password: "wrong" }))
    expect(fact("Sign-in flow")).toHaveTextContent(
      "start · rate_limited · HTTP 429 · retry after 30.0 s",
    )
    expect(newestEntry()).toHaveTextContent(/flow\s*start · rate_limited · HTTP 429/)
    expect(within(timeline()).getAllByText("429")).toHaveLength(1)
  })

  it("offers refresh, expiry, offline and sign-out, each marked as a development action", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, server, signIn, advance } = fakeClient({ accessTtlMs: 600_000 })
    render(<LatchkeyDevtoolsPanel client={client} />)
    await signIn()
    const actions = screen.getByRole("region", { name: "dev Development actions" })
    const button = (name: string) => within(actions).getByRole("button", { name })
    for (const name of ["Refresh now", "Expire access token", "Offline", "Sign out"])
      expect(button(name)).toHaveAccessibleDescription(/^Development action:/)

    await user.click(button("Refresh now"))
    await advance(0)
    expect(server.count("/refresh")).toBe(1)

    await advance(60_000)
    await user.click(button("Expire access token"))
    expect(fact("Access token")).toHaveTextContent("expired")
    await advance(0)
    expect(server.count("/refresh")).toBe(2)
    expect(fact("Access token")).toHaveTextContent("expires in 10:00")

    await user.click(button("Offline"))
    expect(button("Offline")).toHaveAttribute("aria-pressed", "true")
    const served = server.requests.length
    await user.click(button("Refresh now"))
    await advance(0)
    expect(server.requests.length).toBe(served)
    expect(fact("Status")).toHaveTextContent("signedIn refreshing…")
    expect(fact("Error")).toHaveTextContent("network")
    expect(newestEntry()).toHaveTextContent(/state\s*signedIn · Alice Liddell · until .* · network/)
    await user.click(button("Offline"))
    expect(button("Offline")).toHaveAttribute("aria-pressed", "false")
    await advance(1_000)
    expect(fact("Status")).toHaveTextContent("signedIn")
    expect(fact("Error")).toHaveTextContent("none")

    await user.click(button("Sign out"))
    await advance(0)
    expect(fact("Status")).toHaveTextContent("signedOut")
    expect(button("Sign out")).toBeDisabled()
    expect(button("Refresh now")).toBeDisabled()
    expect(button("Expire access token")).toBeDisabled()
  })

  it("says which tab leads renewals, and that a follower renews at expiry", async () => {
    const { first, second } = twoTabs({ accessTtlMs: 60_000 })
    render(
      <>
        <LatchkeyDevtoolsPanel client={first.client} />
        <LatchkeyDevtoolsPanel client={second.client} />
      </>,
    )
    await first.signIn()
    await second.settle()
    const [leading, following] = screen
      .getAllByText("This tab", { selector: "dt" })
      .map((term) => term.nextElementSibling)
    expect(leading).toHaveTextContent("leads renewals")
    expect(following).toHaveTextContent("follows: renews only at expiry")
    const [leaderRenewal, followerRenewal] = screen
      .getAllByText("Next renewal", { selector: "dt" })
      .map((term) => term.nextElementSibling)
    expect(leaderRenewal).toHaveTextContent("refresh in 0:48")
    expect(followerRenewal).toHaveTextContent("refresh in 1:00")
  })

  it("keeps the timeline to its newest events, and empties it on Clear", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, signIn, settle } = fakeClient()
    render(<LatchkeyDevtoolsPanel client={client} />)
    await signIn()
    const calls = Array.from({ length: timelineCapacity }, () =>
      client.fetch("https://fake.test/me"),
    )
    await act(() => Promise.all(calls))
    await settle()
    // Only the calls' requests are left: the sign-in's have dropped off.
    const entries = [...timeline().querySelectorAll("li")]
    expect(entries).toHaveLength(timelineCapacity)
    expect(entries.every((entry) => entry.textContent?.includes("/me 200"))).toBe(true)
    expect(screen.getByText(`${timelineCapacity} requests`)).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Clear" }))
    expect(screen.getByText("Nothing yet: sign in to watch the client work.")).toBeInTheDocument()
    expect(screen.getByText("0 requests")).toBeInTheDocument()
  })
})
