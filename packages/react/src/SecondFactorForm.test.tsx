import type { SecondFactorChallenge, SecondFactorKind, SignInFlow } from "@latchkey/core"
import { fakeSecondFactorCode } from "@latchkey/core/testing"
import { act, screen } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { useSyncExternalStore } from "react"
import { describe, expect, it, vi } from "vitest"
import { germanMessages } from "./messages"
import { SecondFactorForm } from "./SecondFactorForm"
import { SignIn } from "./SignIn"
import { axeViolations } from "./test/axe"
import { bobPassword, type HarnessOptions, harness } from "./test/harness"
import type { SignInController } from "./useSignIn"

async function reachSecondFactor(options: HarnessOptions = {}) {
  const user = userEvent.setup({ delay: null })
  const setup = harness(options)
  const onSignedIn = vi.fn()
  const view = setup.render(<SignIn onSignedIn={onSignedIn} />)
  await act(() => setup.clock.flush())
  await user.type(screen.getByLabelText("User name"), "bob")
  await user.type(screen.getByLabelText("Password"), bobPassword)
  await user.keyboard("{Enter}")
  await act(() => setup.clock.flush())
  expect(screen.getByRole("heading", { name: "Two-step verification" })).toBeInTheDocument()
  return { ...setup, ...view, user, onSignedIn }
}

/** A vendor offering several methods, some of which can send a new code (like Files.com). */
function severalMethods(calls: string[], kinds: SecondFactorKind[] = ["totp", "sms"]) {
  return (base: Parameters<NonNullable<HarnessOptions["adapter"]>>[0]) => ({
    ...base,
    async signIn(ctx: Parameters<typeof base.signIn>[0], input: Parameters<typeof base.signIn>[1]) {
      const now = ctx.now()
      const challenge = (method: string): SecondFactorChallenge => ({
        methods: kinds.map((kind) => ({ id: kind, kind, canResend: kind === "sms" })),
        method,
        expiresAt: null,
        resendAvailableAt: method === "sms" ? ctx.now() + 30_000 : undefined,
      })
      if (input.password !== bobPassword) return base.signIn(ctx, input)
      return {
        type: "secondFactor" as const,
        challenge: challenge(kinds[0] ?? "totp"),
        continuation: {
          async submit(_ctx: unknown, { method, code }: { method: string; code: string }) {
            calls.push(`submit ${method} ${code}`)
            return base.signIn(ctx, {
              identifier: "alice",
              password: "correct horse battery staple",
            })
          },
          async select(_ctx: unknown, method: string) {
            calls.push(`select ${method}`)
            return challenge(method)
          },
          async resend(_ctx: unknown, method: string) {
            calls.push(`resend ${method}`)
            return { ...challenge(method), resendAvailableAt: now + 90_000 }
          },
        },
      }
    },
  })
}

/** The form over a flow the test drives itself, as an app with its own flow would render it. */
function FlowSecondFactor({ flow }: { flow: SignInFlow }) {
  const snapshot = useSyncExternalStore(flow.subscribe, flow.getSnapshot)
  const signIn: SignInController = {
    snapshot,
    submit: (input) => flow.submit(input),
    submitLoginToken: (token) => flow.submitLoginToken(token),
    submitCode: (code) => flow.submitCode(code),
    selectMethod: (method) => flow.selectMethod(method),
    resendCode: () => flow.resendCode(),
    reloadCaptcha: () => flow.reloadCaptcha(),
    startSso: (provider) => flow.startSso(provider),
    discover: (server) => flow.discover(server),
    cancel: () => flow.cancel(),
    restart: () => undefined,
  }
  return <SecondFactorForm signIn={signIn} />
}

describe("SecondFactorForm", () => {
  it("moves focus into its one-time-code field and announces the step", async () => {
    const { container } = await reachSecondFactor()
    const code = screen.getByLabelText("Code from your authenticator app")
    expect(code).toHaveFocus()
    expect(screen.getByRole("form", { name: "Two-step verification" })).toContainElement(code)
    expect(screen.getByRole("status")).toHaveTextContent("Two-step verification")
    expect(code).toHaveAttribute("autocomplete", "one-time-code")
    expect(code).toHaveAttribute("inputmode", "numeric")
    expect(code).toHaveAccessibleDescription(/6 digits/)
    expect(screen.queryByRole("radiogroup")).not.toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })

  it("says under its heading which account is signing in, and follows “use another account”", async () => {
    const { user, clock, container } = await reachSecondFactor({ adapter: severalMethods([]) })
    const heading = screen.getByRole("heading", { name: "Two-step verification" })
    const line = screen.getByText("Signing in as bob")
    expect(heading.nextElementSibling).toBe(line)
    expect(await axeViolations(container)).toEqual([])

    await user.click(screen.getByRole("button", { name: "Use another account" }))
    await act(() => clock.flush())
    expect(screen.queryByText(/Signing in as/)).not.toBeInTheDocument()
    await user.clear(screen.getByLabelText("User name"))
    await user.type(screen.getByLabelText("User name"), "carol.long-name@example.org")
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(screen.getByText("Signing in as carol.long-name@example.org")).toBeInTheDocument()
    expect(screen.queryByText("Signing in as bob")).not.toBeInTheDocument()
  })

  it("says it in German too", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock } = harness({ messages: germanMessages })
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("Benutzername"), "bob")
    await user.type(screen.getByLabelText("Passwort"), `${bobPassword}{Enter}`)
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "Bestätigung in zwei Schritten" })).toBeVisible()
    expect(screen.getByText("Anmeldung als bob")).toBeVisible()
  })

  it("names no one when nobody typed a name (a login token)", async () => {
    const { client, clock, render } = harness({
      adapter: (base) => ({
        ...base,
        capabilities: { ...base.capabilities, loginToken: true },
        // A token made on another device, for Bob, whose account then asks for the second step.
        signInWithLoginToken: (ctx) =>
          base.signIn(ctx, { identifier: "bob", password: bobPassword }),
      }),
    })
    const flow = client.signIn()
    await act(() => clock.flush())
    await act(() => flow.submitLoginToken("a-login-token"))
    render(<FlowSecondFactor flow={flow} />)
    expect(screen.getByRole("heading", { name: "Two-step verification" })).toBeInTheDocument()
    expect(screen.getByLabelText("Code from your authenticator app")).toBeInTheDocument()
    expect(screen.queryByText(/Signing in as/)).not.toBeInTheDocument()
  })

  it("submits itself once six digits are typed", async () => {
    const { user, client, server, clock, onSignedIn } = await reachSecondFactor()
    await user.type(screen.getByLabelText("Code from your authenticator app"), fakeSecondFactorCode)
    await act(() => clock.flush())
    expect(onSignedIn).toHaveBeenCalledTimes(1)
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(server.count("/login/code")).toBe(1)
    // Focus follows the step to the last one too.
    expect(screen.getByRole("heading", { name: "You are signed in." })).toHaveFocus()
  })

  it("accepts a whole pasted code with spaces", async () => {
    const { user, server, client, clock } = await reachSecondFactor()
    await user.click(screen.getByLabelText("Code from your authenticator app"))
    await user.paste("246 810")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(server.count("/login/code")).toBe(1)
  })

  it("puts a wrong code on the field, selected for retyping, and announces it", async () => {
    const { user, container, clock } = await reachSecondFactor()
    const code = screen.getByLabelText("Code from your authenticator app")
    await user.type(code, "111111")
    await act(() => clock.flush())
    expect(code).toHaveAttribute("aria-invalid", "true")
    expect(code).toHaveAccessibleDescription(/The code is wrong\./)
    expect(code).toHaveFocus()
    expect(screen.getByRole("status")).toHaveTextContent("The code is wrong.")
    expect(await axeViolations(container)).toEqual([])
  })

  it("shows the challenge's expiry, counting down, and stops at its end", async () => {
    const { user, clock } = await reachSecondFactor()
    expect(screen.getByText("This step expires in 5:00.")).toBeInTheDocument()
    await act(() => clock.advance(61_000))
    expect(screen.getByText("This step expires in 3:59.")).toBeInTheDocument()
    await act(() => clock.advance(240_000))
    expect(screen.getByText("This step has expired. Sign in again.")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Verify" })).toBeDisabled()
    // The way out is named for what the message asks.
    expect(screen.queryByRole("button", { name: "Use another account" })).not.toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "Sign in" })).toHaveFocus()
  })

  it("goes back to the sign-in form with “use another account”", async () => {
    const { user, clock } = await reachSecondFactor()
    await user.click(screen.getByRole("button", { name: "Use another account" }))
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "Sign in" })).toHaveFocus()
  })

  it("lets the user pick a method and resend a code after the cooldown", async () => {
    const calls: string[] = []
    const { user, clock, container, client } = await reachSecondFactor({
      adapter: severalMethods(calls),
    })
    const methods = screen.getByRole("group", { name: "Verification method" })
    expect(methods).toBeInTheDocument()
    expect(screen.getByRole("radio", { name: "Authenticator app" })).toBeChecked()
    expect(screen.queryByRole("button", { name: /Send a new code/ })).not.toBeInTheDocument()

    await user.click(screen.getByRole("radio", { name: "Text message" }))
    await act(() => clock.flush())
    expect(screen.getByLabelText("Code from the text message")).toBeInTheDocument()
    expect(calls).toEqual(["select sms"])
    const resend = screen.getByRole("button", { name: "Send a new code (in 30 s)" })
    expect(resend).toBeDisabled()
    expect(await axeViolations(container)).toEqual([])

    await act(() => clock.advance(30_000))
    await user.click(screen.getByRole("button", { name: "Send a new code" }))
    await act(() => clock.flush())
    expect(calls).toContain("resend sms")
    expect(screen.getByRole("status")).toHaveTextContent("A new code was sent.")
    expect(screen.getByRole("button", { name: /Send a new code \(in \d+ s\)/ })).toBeDisabled()
    // The disabled button drops focus: it goes to the field the new code is typed into.
    expect(screen.getByLabelText("Code from the text message")).toHaveFocus()

    await user.type(screen.getByLabelText("Code from the text message"), "123456")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(calls).toContain("submit sms 123456")
  })

  it("takes a YubiKey code as text and waits for the user to submit", async () => {
    const calls: string[] = []
    const { user, clock } = await reachSecondFactor({
      adapter: severalMethods(calls, ["yubikey"]),
    })
    const code = screen.getByLabelText("Touch your YubiKey")
    expect(code).toHaveAttribute("inputmode", "text")
    const otp = "cccccbhuinjdlvbkrvgnkfreuvbbhbcdkgnebikrhnul"
    await user.type(code, otp)
    expect(calls).toEqual([])
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(calls).toEqual([`submit yubikey ${otp}`])
  })

  it("checks a short code before sending it", async () => {
    const { user, server, clock } = await reachSecondFactor()
    const code = screen.getByLabelText("Code from your authenticator app")
    await user.type(code, "123")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    await act(() => clock.flush())
    expect(code).toHaveAttribute("aria-invalid", "true")
    expect(code).toHaveAccessibleDescription(/The code has 6 digits\./)
    expect(server.count("/login/code")).toBe(0)
  })

  it("runs from password to second factor with the keyboard alone", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = harness()
    render(<SignIn />)
    await act(() => clock.flush())
    await user.tab()
    expect(screen.getByLabelText("User name")).toHaveFocus()
    await user.keyboard("bob")
    await user.tab()
    await user.keyboard(bobPassword)
    await user.tab()
    expect(screen.getByRole("button", { name: "Show password" })).toHaveFocus()
    await user.keyboard(" ")
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text")
    await user.tab()
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveFocus()
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    // Straight into the code: no Tab needed.
    expect(screen.getByLabelText("Code from your authenticator app")).toHaveFocus()
    await user.keyboard(fakeSecondFactorCode)
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })
})
