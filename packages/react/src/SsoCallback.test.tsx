import { act, screen } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import { SignIn } from "./SignIn"
import { SsoCallback } from "./SsoCallback"
import { axeViolations } from "./test/axe"
import { harness } from "./test/harness"

/** Starts single sign-on in the drop-in and follows the identity provider back: the callback address. */
async function leaveForIdentityProvider(setup: ReturnType<typeof harness>) {
  const user = userEvent.setup({ delay: null })
  const view = setup.render(<SignIn />)
  await act(() => setup.clock.flush())
  await user.click(screen.getByRole("button", { name: "Continue with Example IdP" }))
  await act(() => setup.clock.flush())
  expect(setup.platform.visited).toHaveLength(1)
  view.unmount()
  const redirect = await setup.server.fetch(new Request(setup.platform.visited[0] ?? ""))
  const callback = redirect.headers.get("location") ?? ""
  expect(callback).toMatch(/latchkey_state=/)
  setup.platform.url = callback
  return callback
}

describe("SsoCallback", () => {
  it("completes single sign-on exactly once under StrictMode and hands over", async () => {
    const setup = harness({ strict: true })
    const callback = await leaveForIdentityProvider(setup)
    const onSignedIn = vi.fn()
    const { container } = setup.render(<SsoCallback url={callback} onSignedIn={onSignedIn} />)
    expect(screen.getByText("Finishing single sign-on…")).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    await act(() => setup.clock.flush())
    expect(onSignedIn).toHaveBeenCalledTimes(1)
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ user: { id: "alice" } })
    expect(setup.server.count("/login/token")).toBe(1)
    expect(setup.platform.url).not.toMatch(/token=|latchkey_state=/)
    expect(screen.getByText("You are signed in.", { selector: "p" })).toBeInTheDocument()
  })

  it("is what the drop-in shows on the callback address", async () => {
    const setup = harness()
    const callback = await leaveForIdentityProvider(setup)
    const onSignedIn = vi.fn()
    setup.render(<SignIn callbackUrl={callback} onSignedIn={onSignedIn} />)
    expect(screen.getByRole("heading", { name: "Single sign-on" })).toBeInTheDocument()
    await act(() => setup.clock.flush())
    expect(onSignedIn).toHaveBeenCalledTimes(1)
    expect(setup.server.count("/options")).toBe(1)
  })

  it("shows a forged or reused callback as an error and offers to start again", async () => {
    const user = userEvent.setup({ delay: null })
    const setup = harness()
    const { container } = setup.render(
      <SignIn callbackUrl="https://app.test/sign-in?latchkey_state=forged&token=sso-1" />,
    )
    await act(() => setup.clock.flush())
    expect(
      screen.getByText("This sign-in link was not started here, or was already used. Try again.", {
        selector: "p",
      }),
    ).toBeInTheDocument()
    expect(screen.getByRole("status")).toHaveTextContent(/was not started here/)
    expect(await axeViolations(container)).toEqual([])
    await user.click(screen.getByRole("button", { name: "Try again" }))
    await act(() => setup.clock.flush())
    expect(screen.getByLabelText("User name")).toBeInTheDocument()
    // Focus follows to the sign-in form rather than falling to the page.
    expect(screen.getByRole("heading", { name: "Sign in" })).toHaveFocus()
    expect(setup.server.count("/login/token")).toBe(0)
  })
})
