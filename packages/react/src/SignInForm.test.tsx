import type { Captcha, SignInInput } from "@latchkey/core"
import { act, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import { germanMessages } from "./messages"
import { SignIn } from "./SignIn"
import { SignInForm } from "./SignInForm"
import { axeViolations } from "./test/axe"
import { alicePassword, bobPassword, harness, recordingInputs, withOptions } from "./test/harness"
import { useSignIn } from "./useSignIn"

const liveRegion = () => screen.getByRole("status")

function Standalone() {
  const signIn = useSignIn()
  return <SignInForm signIn={signIn} />
}

describe("SignInForm", () => {
  it("pre-fills the identifier it is given, never the password", async () => {
    const { render, clock } = harness()
    render(<SignIn defaultIdentifier="alice" />)
    await act(() => clock.flush())
    expect(screen.getByLabelText("User name")).toHaveValue("alice")
    expect(screen.getByLabelText("Password")).toHaveValue("")
  })

  it("shows visible labels fitted to the vendor and signs in with a password", async () => {
    const user = userEvent.setup({ delay: null })
    const onSignedIn = vi.fn()
    const { render, client, server, clock } = harness({ secondFactor: "none" })
    render(<SignIn onSignedIn={onSignedIn} />)
    await act(() => clock.flush())

    const identifier = screen.getByLabelText("User name")
    expect(identifier).toHaveAttribute("autocomplete", "username")
    const password = screen.getByLabelText("Password")
    expect(password).toHaveAttribute("type", "password")
    expect(password).toHaveAttribute("autocomplete", "current-password")
    await user.type(identifier, "alice")
    await user.type(password, alicePassword)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())

    expect(onSignedIn).toHaveBeenCalledTimes(1)
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ user: { id: "alice" } })
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(server.count("/login")).toBe(1)
    expect(liveRegion()).toHaveTextContent("You are signed in.")
  })

  it("checks the fields before sending anything and focuses the first invalid one", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness()
    render(<SignIn />)
    await act(() => clock.flush())
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())

    const identifier = screen.getByLabelText("User name")
    expect(identifier).toHaveFocus()
    expect(identifier).toHaveAttribute("aria-invalid", "true")
    expect(identifier).toHaveAccessibleDescription("Enter your user name.")
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.")
    expect(server.count("/login")).toBe(0)
  })

  it("puts a refused password on the password field, focuses it and announces it", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock } = harness()
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), "wrong")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())

    const password = screen.getByLabelText("Password")
    expect(password).toHaveAttribute("aria-invalid", "true")
    expect(password).toHaveAccessibleDescription("The account or password is wrong.")
    expect(password).toHaveFocus()
    expect(liveRegion()).toHaveTextContent("The account or password is wrong.")
    expect(await axeViolations(document.body)).toEqual([])
  })

  it("takes a refusal back once a field is edited, so it never stands beside a new validation message", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock } = harness()
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), "wrong")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    const refusal = "The account or password is wrong."
    expect(screen.getByText(refusal, { selector: "p" })).toBeInTheDocument()

    await user.clear(screen.getByLabelText("Password"))
    expect(screen.queryByText(refusal, { selector: "p" })).not.toBeInTheDocument()
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.")
    expect(screen.getByLabelText("User name")).not.toHaveAttribute("aria-invalid")
  })

  it("shows an error no field owns on the form", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness()
    server.failNext("/login", { type: "status", status: 503 })
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())

    expect(
      screen.getByText("The server could not complete the request. Try again later.", {
        selector: "p",
      }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid")
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveAccessibleDescription(
      "The server could not complete the request. Try again later.",
    )
  })

  it("disables submit and shows progress while the request is pending", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness({ secondFactor: "none" })
    const held = server.hold("/login")
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())

    const pending = screen.getByRole("button", { name: "Signing in…" })
    expect(pending).toBeDisabled()
    expect(pending).toHaveAttribute("data-state", "pending")
    await user.keyboard("{Enter}")
    held.release()
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "You are signed in." })).toBeInTheDocument()
    expect(server.count("/login")).toBe(1)
  })

  it("says it is checking the password where the vendor derives a key from it, and stays usable meanwhile", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness({
      secondFactor: "none",
      adapter: (base) => ({
        ...base,
        capabilities: { ...base.capabilities, derivesPasswordKey: true },
      }),
    })
    const held = server.hold("/login")
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())

    const pending = screen.getByRole("button", { name: "Checking your password…" })
    expect(pending).toBeDisabled()
    expect(pending).toHaveAttribute("data-state", "pending")
    // The rest of the form still answers while the key is derived.
    await user.click(screen.getByRole("button", { name: "Show password" }))
    expect(screen.getByRole("button", { name: "Hide password" })).toBeInTheDocument()
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text")
    held.release()
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "You are signed in." })).toBeInTheDocument()
  })

  it("counts a rate limit down and keeps submit disabled until it ends", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness()
    server.failNext("/login", {
      type: "status",
      status: 429,
      headers: { "retry-after": "30" },
    })
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())

    expect(
      screen.getByText("Too many attempts. Try again in 30 s.", { selector: "p" }),
    ).toBeInTheDocument()
    expect(liveRegion()).toHaveTextContent("Too many attempts. Try again in 30 s.")
    const submit = screen.getByRole("button", { name: "Sign in" })
    expect(submit).toBeDisabled()
    await act(() => clock.advance(10_000))
    expect(
      screen.getByText("Too many attempts. Try again in 20 s.", { selector: "p" }),
    ).toBeInTheDocument()
    expect(submit).toBeDisabled()
    await act(() => clock.advance(20_000))
    expect(submit).toBeEnabled()
    expect(screen.queryByText(/Try again in/, { selector: "p" })).not.toBeInTheDocument()
    expect(liveRegion()).toHaveTextContent("You can try again now.")
  })

  it("returns focus to the password when a rate limit disables the button it was sent with", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness()
    server.failNext("/login", { type: "status", status: 429, headers: { "retry-after": "30" } })
    render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())

    expect(screen.getByRole("button", { name: "Sign in" })).toBeDisabled()
    expect(screen.getByLabelText("Password")).toHaveFocus()
  })

  it("reveals the password with a toggle named for what it does next, and announces the change", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock } = harness()
    render(<SignIn />)
    await act(() => clock.flush())
    const password = screen.getByLabelText("Password")
    const toggle = screen.getByRole("button", { name: "Show password" })
    expect(toggle).not.toHaveAttribute("aria-pressed")
    await user.click(toggle)
    expect(toggle).toHaveAccessibleName("Hide password")
    expect(toggle).toHaveFocus()
    expect(password).toHaveAttribute("type", "text")
    expect(liveRegion()).toHaveTextContent("Password shown.")
    await user.click(toggle)
    expect(toggle).toHaveAccessibleName("Show password")
    expect(password).toHaveAttribute("type", "password")
    expect(liveRegion()).toHaveTextContent("Password hidden.")
  })

  it("asks for an e-mail address and a server when the vendor wants them", async () => {
    const user = userEvent.setup({ delay: null })
    const inputs: SignInInput[] = []
    const { render, server, clock } = harness({
      secondFactor: "none",
      adapter: recordingInputs(
        inputs,
        withOptions({ identifier: "email", asksForServer: true, server: "example.org" }),
      ),
    })
    render(<SignIn />)
    await act(() => clock.flush())
    const identifier = screen.getByLabelText("E-mail address")
    expect(identifier).toHaveAttribute("type", "email")
    const serverField = screen.getByLabelText("Server")
    expect(serverField).toHaveValue("example.org")

    await user.type(identifier, "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    expect(identifier).toHaveAccessibleDescription("Enter an e-mail address like name@example.org.")

    // Another server: its options are discovered, and what was typed stays.
    await user.clear(serverField)
    await user.type(serverField, "other.example")
    await user.tab()
    await act(() => clock.flush())
    expect(server.count("/options")).toBe(2)
    expect(identifier).toHaveValue("alice")
    await user.clear(identifier)
    await user.type(identifier, "alice@other.example")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(inputs).toHaveLength(1)
    expect(inputs[0]).toMatchObject({ server: "other.example", identifier: "alice@other.example" })
  })

  it("labels the identifier as a Matrix ID with a hint", async () => {
    const { render, clock } = harness({ adapter: withOptions({ identifier: "matrixId" }) })
    render(<SignIn />)
    await act(() => clock.flush())
    expect(screen.getByLabelText("Matrix ID")).toHaveAccessibleDescription(
      "Like @alice:example.org, or alice on this server.",
    )
  })

  it("sends the inline code with the password where the vendor takes it so", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, clock } = harness({ secondFactor: "inline" })
    render(<SignIn />)
    await act(() => clock.flush())
    const code = screen.getByLabelText("One-time code")
    expect(code).toHaveAttribute("autocomplete", "one-time-code")
    expect(code).toHaveAttribute("inputmode", "numeric")
    expect(code).not.toBeRequired()
    await user.type(screen.getByLabelText("User name"), "bob")
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.type(code, "246 810")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("after a refusal without a code, says a code may be needed, focuses the code field, and signs in with it", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, client, server, clock } = harness({ secondFactor: "inline" })
    const { container } = render(<SignIn />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "bob")
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.keyboard("{Enter}")

    const sentence = "The password is wrong, or a one-time code is needed."
    const code = screen.getByLabelText("One-time code")
    await act(() => clock.flush())
    expect(code).toHaveFocus()
    expect(code).toHaveAttribute("aria-invalid", "true")
    expect(code).toHaveAccessibleDescription(expect.stringContaining(sentence))
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(sentence)
    // One sentence about both fields, written once: under the password, and the code field points at it.
    expect(container.querySelectorAll(".lk-error")).toHaveLength(1)
    expect(code).toHaveAttribute("aria-describedby", expect.stringContaining("password-error"))
    expect(liveRegion()).toHaveTextContent(sentence)
    expect(await axeViolations(container)).toEqual([])

    await user.type(code, "246810")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(server.count("/login")).toBe(2)
  })

  it("after a refusal with a code, says the password or the code is wrong and focuses the password", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, clock } = harness({ secondFactor: "inline" })
    render(<SignIn messages={germanMessages} />)
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("Benutzername"), "bob")
    await user.type(screen.getByLabelText("Passwort"), bobPassword)
    await user.type(screen.getByLabelText("Einmalcode"), "111111")
    await user.keyboard("{Enter}")

    const password = screen.getByLabelText("Passwort")
    await act(() => clock.flush())
    expect(password).toHaveFocus()
    expect(password).toHaveAccessibleDescription("Das Passwort oder der Einmalcode ist falsch.")
    expect(screen.getByLabelText("Einmalcode")).toHaveAttribute("aria-invalid", "true")
    expect(liveRegion()).toHaveTextContent("Das Passwort oder der Einmalcode ist falsch.")
  })

  it("requires the code where the vendor always wants one", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness({
      secondFactor: "inline",
      adapter: (base) => ({
        ...base,
        capabilities: { ...base.capabilities, secondFactor: "inlineRequired" },
      }),
    })
    render(<SignIn />)
    await act(() => clock.flush())
    const code = screen.getByLabelText("One-time code")
    expect(code).toBeRequired()
    await user.type(screen.getByLabelText("User name"), "bob")
    await user.type(screen.getByLabelText("Password"), bobPassword)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(code).toHaveFocus()
    expect(code).toHaveAccessibleDescription("Enter the code.")
    expect(server.count("/login")).toBe(0)
  })

  it("shows an image captcha with a new-image button and a refused answer on its field", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, client, clock } = harness({ hasCaptcha: true, secondFactor: "none" })
    render(<SignIn />)
    await act(() => clock.flush())
    const image = screen.getByRole("img", { name: "Captcha: characters to type" })
    expect(image).toHaveAttribute("src", "data:image/png;base64,AAAA")
    await user.click(screen.getByRole("button", { name: "New image" }))
    await act(() => clock.flush())
    expect(server.count("/captcha")).toBe(2)

    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    const answer = screen.getByLabelText("Characters in the image")
    await user.type(answer, "41")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(answer).toHaveAttribute("aria-invalid", "true")
    expect(answer).toHaveAccessibleDescription("The answer is wrong. Here is a new image.")
    expect(answer).toHaveValue("")
    expect(answer).toHaveFocus()
    expect(server.count("/captcha")).toBe(3)
    expect(await axeViolations(document.body)).toEqual([])

    await user.type(answer, "42")
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("renders a widget captcha through the slot and sends its answer", async () => {
    const user = userEvent.setup({ delay: null })
    const inputs: SignInInput[] = []
    const widget: Captcha = { kind: "widget", provider: "turnstile", siteKey: "site-key" }
    const { render, clock } = harness({
      secondFactor: "none",
      adapter: recordingInputs(inputs, withOptions({ captcha: widget })),
    })
    render(
      <SignIn
        renderCaptchaWidget={({ captcha, onSolve }) => (
          <button type="button" onClick={() => onSolve("token", "ticket-1")}>
            Solve {captcha.provider}
          </button>
        )}
      />,
    )
    await act(() => clock.flush())
    await user.type(screen.getByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.click(screen.getByRole("button", { name: "Solve turnstile" }))
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await act(() => clock.flush())
    expect(inputs).toHaveLength(1)
    expect(inputs[0]?.captcha).toEqual({ answer: "token", ticket: "ticket-1" })
  })

  it("offers single sign-on buttons that leave for the identity provider", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, platform, clock } = harness({
      adapter: withOptions({
        ssoProviders: [
          { id: "idp", name: "Example IdP", icon: "https://idp.test/icon.png", brand: "github" },
        ],
      }),
    })
    render(<SignIn />)
    await act(() => clock.flush())
    const button = screen.getByRole("button", { name: "Continue with Example IdP" })
    expect(button).toHaveAttribute("data-brand", "github")
    expect(within(button).getByRole("presentation")).toHaveAttribute(
      "src",
      "https://idp.test/icon.png",
    )
    await user.click(button)
    await act(() => clock.flush())
    expect(platform.visited).toHaveLength(1)
    expect(platform.visited[0]).toMatch(/^https:\/\/fake\.test\/sso\?redirect=/)
    expect(liveRegion()).toHaveTextContent("Taking you to your identity provider…")
  })

  it("shows only the providers when the server has no password sign-in", async () => {
    const { render, clock } = harness({ adapter: withOptions({ hasPassword: false }) })
    render(<SignIn />)
    await act(() => clock.flush())
    expect(screen.getByRole("button", { name: "Continue with Example IdP" })).toBeVisible()
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument()
  })

  it("says when sign-in is unavailable and tries again", async () => {
    const user = userEvent.setup({ delay: null })
    const { render, server, clock } = harness()
    server.failNext("/options", { type: "network" })
    render(<SignIn />)
    await act(() => clock.flush())
    expect(screen.getByText(/Sign-in is unavailable right now\./)).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Try again" }))
    // The button goes away: focus waits on the heading instead of falling to the page.
    expect(screen.getByRole("heading", { name: "Sign in" })).toHaveFocus()
    await act(() => clock.flush())
    expect(screen.getByLabelText("User name")).toBeInTheDocument()
    expect(screen.getByRole("heading", { name: "Sign in" })).toHaveFocus()
  })

  it("shows the site's own links under the form", async () => {
    const { render, clock } = harness()
    render(
      <SignIn
        footer={
          <p>
            <a href="/forgot">Forgot password?</a> <a href="/join">Create an account</a>
          </p>
        }
      />,
    )
    await act(() => clock.flush())
    const form = screen.getByRole("region", { name: "Sign in" })
    expect(form).toContainElement(screen.getByRole("link", { name: "Forgot password?" }))
    expect(form).toContainElement(screen.getByRole("link", { name: "Create an account" }))
  })

  it("speaks German from the messages prop", async () => {
    const { render, clock } = harness()
    render(<SignIn messages={germanMessages} />)
    await act(() => clock.flush())
    expect(screen.getByLabelText("Benutzername")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Anmelden" })).toBeInTheDocument()
    expect(screen.getByRole("heading", { name: "Anmelden" })).toBeInTheDocument()
  })

  it("stands alone with its own live region, and passes axe", async () => {
    const { render, clock } = harness({ hasCaptcha: true, secondFactor: "inline" })
    const { container } = render(<Standalone />)
    await act(() => clock.flush())
    expect(screen.getByLabelText("One-time code")).toBeInTheDocument()
    expect(screen.getAllByRole("status")).toHaveLength(1)
    expect(await axeViolations(container)).toEqual([])
  })

  it("takes class names per part, and drops its own in unstyled mode", async () => {
    const { render, clock } = harness()
    const { container, unmount } = render(
      <SignIn className="mine" classNames={{ input: "my-input", button: "my-button" }} />,
    )
    await act(() => clock.flush())
    expect(container.querySelector("[data-latchkey='sign-in']")).toHaveClass("lk", "mine")
    expect(screen.getByLabelText("User name")).toHaveClass("lk-input", "my-input")
    unmount()
    const unstyled = render(<SignIn unstyled classNames={{ input: "my-input" }} />)
    await act(() => clock.flush())
    expect(screen.getByLabelText("User name")).toHaveAttribute("class", "my-input")
    expect(unstyled.container.querySelector(".lk")).toBeNull()
    expect(unstyled.container.querySelector("[data-state='ready']")).not.toBeNull()
  })
})
