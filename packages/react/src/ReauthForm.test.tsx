import type { SignInInput } from "@latchkey/core"
import { act, screen } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import { SignIn } from "./SignIn"
import { axeViolations } from "./test/axe"
import { alicePassword, bobPassword, harness, recordingInputs } from "./test/harness"

async function expiredSession(options: {
  secondFactor: "none" | "inline"
  user: "alice" | "bob"
  isCodeRequired?: boolean
}) {
  const inputs: SignInInput[] = []
  const setup = harness({
    secondFactor: options.secondFactor,
    canRefresh: false,
    accessTtlMs: 60_000,
    adapter: recordingInputs(inputs, (base) =>
      options.isCodeRequired
        ? { ...base, capabilities: { ...base.capabilities, secondFactor: "inlineRequired" } }
        : base,
    ),
  })
  await setup.client.ready()
  const flow = setup.client.signIn()
  await setup.clock.flush()
  expect(flow.getSnapshot().step).toBe("start")
  await flow.submit(
    options.user === "alice"
      ? { identifier: "alice", password: alicePassword }
      : { identifier: "bob", password: bobPassword, code: "246810" },
  )
  flow.dispose()
  // Vendors without refresh ask for the password again just before expiry.
  await setup.clock.advance(60_000)
  expect(setup.client.getSnapshot().status).toBe("reauthRequired")
  inputs.length = 0
  return { ...setup, inputs }
}

describe("ReauthForm", () => {
  it("shows the known user and asks only for the password", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock, inputs } = await expiredSession({
      secondFactor: "none",
      user: "alice",
    })
    const { container } = render(<SignIn />)
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "Confirm it’s you" })).toBeInTheDocument()
    expect(
      screen.getByText("Signed in as Alice Liddell (alice). Enter your password to continue."),
    ).toBeInTheDocument()
    expect(screen.queryByLabelText("User name")).not.toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])

    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(inputs).toEqual([{ identifier: "alice", password: alicePassword }])
  })

  it("hands over once re-authenticated, and re-authenticates again when the session ends again", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = await expiredSession({ secondFactor: "none", user: "alice" })
    const signedIn: string[] = []
    render(<SignIn onSignedIn={(session) => signedIn.push(session.user.id)} />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "You are signed in." })).toHaveFocus()
    expect(signedIn).toEqual(["alice"])

    // The same user's session ends again: a fresh re-authentication, not the finished one.
    await act(() => clock.advance(60_000))
    expect(client.getSnapshot().status).toBe("reauthRequired")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "You are signed in." })).toBeInTheDocument()
    expect(signedIn).toEqual(["alice", "alice"])
  })

  it("asks for the inline code too where the vendor takes one", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = await expiredSession({ secondFactor: "inline", user: "bob" })
    render(<SignIn />)
    await act(() => clock.flush())
    expect(
      screen.getByText(
        "Signed in as Bob Builder (bob). Enter your password and a new one-time code if you use one to continue.",
      ),
    ).toBeInTheDocument()
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.type(screen.getByLabelText("One-time code"), "246810")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("asks for the code too and refuses to send the password alone where the vendor always wants one", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock, inputs } = await expiredSession({
      secondFactor: "inline",
      user: "bob",
      isCodeRequired: true,
    })
    render(<SignIn />)
    await act(() => clock.flush())
    expect(
      screen.getByText(
        "Signed in as Bob Builder (bob). Enter your password and a new one-time code if you use one to continue.",
      ),
    ).toBeInTheDocument()
    const code = screen.getByLabelText("One-time code")
    expect(code).toBeRequired()
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(code).toHaveFocus()
    expect(inputs).toEqual([])
  })

  it("says a code may be needed and focuses the code field when the password alone is refused", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = await expiredSession({ secondFactor: "inline", user: "bob" })
    const { container } = render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.keyboard("{Enter}")
    const code = screen.getByLabelText("One-time code")
    await act(() => clock.flush())
    expect(code).toHaveFocus()
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(
      "The password is wrong, or a one-time code is needed.",
    )
    expect(await axeViolations(container)).toEqual([])
    await user.type(code, "246810")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("offers to sign out instead", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = await expiredSession({ secondFactor: "none", user: "alice" })
    render(<SignIn />)
    await act(() => clock.flush())
    await user.click(screen.getByRole("button", { name: "Not you? Sign out" }))
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedOut")
    expect(screen.getByLabelText("User name")).toBeInTheDocument()
  })

  it("takes over the screen when the session expires while it is shown", async () => {
    const user = userEvent.setup({ delay: null })
    const setup = harness({ secondFactor: "none", canRefresh: false, accessTtlMs: 60_000 })
    setup.render(<SignIn />)
    await act(() => setup.clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => setup.clock.flush())
    expect(screen.getByRole("heading", { name: "You are signed in." })).toBeInTheDocument()
    await act(() => setup.clock.advance(60_000))
    expect(screen.getByRole("heading", { name: "Confirm it’s you" })).toHaveFocus()
  })
})
