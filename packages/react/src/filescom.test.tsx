import { createAuthClient } from "@latchkey/core"
import { filescomAdapter } from "@latchkey/core/filescom"
import { createManualClock, createTestPlatform } from "@latchkey/core/testing"
import {
  createFilescomEmulator,
  createSeededRandomBytes,
  type DemoPerson,
  generateTotp,
  lou,
  mona,
  nina,
  otto,
  sam,
  tess,
  uma,
  yuki,
  yukiYubikeyOtps,
} from "@latchkey/emulators"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { act, render, screen } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import type { ReactNode } from "react"
import { describe, expect, it } from "vitest"
import { LatchkeyProvider } from "./LatchkeyProvider"
import { englishMessages, germanMessages, type Messages } from "./messages"
import { SignIn } from "./SignIn"
import { axeViolations } from "./test/axe"

/** The drop-in against the Files.com emulator: several second-factor methods, and errors a person must act on. */
function filescom(messages: Messages = englishMessages) {
  const clock = createManualClock()
  const emulator = createFilescomEmulator({ clock, random: createSeededRandomBytes(3) })
  const signIns: string[] = []
  const platform = createTestPlatform({
    clock,
    fetch: async (request) => {
      if (request.method === "POST") signIns.push(await request.clone().text())
      return emulator.handle(request)
    },
  })
  const client = createAuthClient({
    adapter: filescomAdapter({ baseUrl: "https://acme.files.test" }),
    platform,
  })
  const queryClient = new QueryClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <LatchkeyProvider client={client} messages={messages}>
        {children}
      </LatchkeyProvider>
    </QueryClientProvider>
  )
  const user = userEvent.setup({ delay: null })
  const settle = () => act(() => clock.flush())
  const view = render(<SignIn />, { wrapper })
  const signInAs = async (person: DemoPerson) => {
    await settle()
    await user.type(screen.getByLabelText(messages.identifierLabel.username), person.username)
    await user.type(screen.getByLabelText(messages.passwordLabel), person.password)
    await user.keyboard("{Enter}")
    await settle()
  }
  return { clock, emulator, client, user, settle, signIns, signInAs, ...view }
}

describe("against the Files.com emulator", () => {
  it("offers Tess her methods as radio cards, chosen with the arrow keys, and takes the text message's code", async () => {
    const { user, settle, signInAs, client, emulator, container, signIns } = filescom()
    await signInAs(tess)
    const methods = screen.getByRole("group", { name: "Verification method" })
    const radios = screen.getAllByRole("radio")
    expect(radios.map((radio) => radio.getAttribute("value"))).toEqual(["totp", "sms"])
    expect(screen.getByRole("radio", { name: "Authenticator app" })).toBeChecked()
    expect(methods).toContainElement(screen.getByRole("radio", { name: "Text message" }))
    expect(screen.getByLabelText("Code from your authenticator app")).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])

    // Focus starts in the code field; one tab stop back for the group, on the chosen method; the arrow keys move
    // the choice.
    expect(screen.getByLabelText("Code from your authenticator app")).toHaveFocus()
    await user.tab({ shift: true })
    expect(screen.getByRole("radio", { name: "Authenticator app" })).toHaveFocus()
    await user.keyboard("{ArrowDown}")
    await settle()
    expect(screen.getByRole("radio", { name: "Text message" })).toBeChecked()
    const code = screen.getByLabelText("Code from the text message")
    expect(code).toHaveAttribute("inputmode", "numeric")
    expect(code).toHaveAccessibleDescription(/6 digits/)
    // Switching sends nothing: the first attempt already texted the code.
    expect(signIns).toHaveLength(1)

    await user.type(code, emulator.smsCode(tess.username) ?? "")
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(signIns).toHaveLength(2)
  })

  it("sends Sam a new text message once the countdown is over, and takes the new code", async () => {
    const { user, settle, signInAs, client, emulator, clock } = filescom()
    await signInAs(sam)
    expect(screen.queryByRole("radio")).not.toBeInTheDocument()
    const firstCode = emulator.smsCode(sam.username)
    const waiting = screen.getByRole("button", { name: "Send a new code (in 30 s)" })
    expect(waiting).toBeDisabled()
    await act(() => clock.advance(10_000))
    expect(screen.getByRole("button", { name: "Send a new code (in 20 s)" })).toBeDisabled()

    await act(() => clock.advance(20_000))
    await user.click(screen.getByRole("button", { name: "Send a new code" }))
    await settle()
    expect(screen.getByRole("status")).toHaveTextContent("A new code was sent.")
    expect(screen.getByRole("button", { name: "Send a new code (in 30 s)" })).toBeDisabled()
    const secondCode = emulator.smsCode(sam.username)
    expect(secondCode).not.toBe(firstCode)

    await user.type(screen.getByLabelText("Code from the text message"), secondCode ?? "")
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("puts a wrong text-message code on the field and keeps the step", async () => {
    const { user, settle, signInAs, emulator } = filescom()
    await signInAs(sam)
    const right = emulator.smsCode(sam.username) ?? ""
    const wrong = right === "000000" ? "111111" : "000000"
    const code = screen.getByLabelText("Code from the text message")
    await user.type(code, wrong)
    await settle()
    expect(code).toHaveAttribute("aria-invalid", "true")
    expect(code).toHaveAccessibleDescription(/The code is wrong\./)
    expect(code).toHaveFocus()
    expect(screen.getByRole("heading", { name: "Two-step verification" })).toBeInTheDocument()
  })

  it("takes Yuki's long YubiKey string as text, and sends it only on Enter", async () => {
    const { user, settle, signInAs, client, signIns, container } = filescom()
    await signInAs(yuki)
    const code = screen.getByLabelText("Touch your YubiKey")
    expect(code).toHaveAttribute("inputmode", "text")
    expect(code).not.toHaveAttribute("pattern")
    expect(code.closest("[data-field]")).toHaveAttribute("data-kind", "yubikey")
    expect(screen.queryByRole("button", { name: /Send a new code/ })).not.toBeInTheDocument()
    const otp = yukiYubikeyOtps[0] ?? ""
    await user.type(code, otp)
    await settle()
    // Six characters, and forty more: nothing is sent until the key presses Enter.
    expect(signIns).toHaveLength(1)
    expect(code).toHaveValue(otp)
    expect(await axeViolations(container)).toEqual([])
    await user.keyboard("{Enter}")
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(signIns).toHaveLength(2)
  })

  it("names the security key Uma's account uses, which this sign-in cannot", async () => {
    const { signInAs, client, container } = filescom()
    await signInAs(uma)
    const message =
      "This account uses a security key (u2f), which this sign-in cannot use. Add another method on the website."
    expect(screen.getByText(message, { selector: "p" })).toBeInTheDocument()
    expect(screen.getByRole("status")).toHaveTextContent(message)
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveAccessibleDescription(message)
    expect(client.getSnapshot().status).toBe("signedOut")
    expect(await axeViolations(container)).toEqual([])
  })

  it.each([
    { person: lou, sentence: "This account is locked. Try again later or ask an admin." },
    { person: mona, sentence: "Change your password on the website first." },
    { person: nina, sentence: "Set up two-step verification on the website first." },
    { person: otto, sentence: "Setting up two-step verification timed out. Ask an admin." },
  ])("tells $person.username what to do", async ({ person, sentence }) => {
    const { signInAs } = filescom()
    await signInAs(person)
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveAccessibleDescription(sentence)
  })

  it("says it in German too", async () => {
    const { signInAs } = filescom(germanMessages)
    await signInAs(uma)
    expect(
      screen.getByText(/^Dieses Konto nutzt einen Sicherheitsschlüssel \(u2f\)/, { selector: "p" }),
    ).toBeInTheDocument()
  })

  it("counts down a rate limit on the second step and lets the code through after it", async () => {
    const { user, settle, signInAs, client, clock } = filescom()
    await signInAs(tess)
    const code = () => screen.getByLabelText("Code from your authenticator app")
    // Five wrong codes are refused; the sixth attempt within a minute waits.
    for (let attempt = 0; attempt < 6; attempt++) {
      await user.clear(code())
      await user.type(code(), "000000")
      await settle()
    }
    expect(
      screen.getByText(/^Too many attempts\. Try again in \d+ s\.$/, { selector: "p" }),
    ).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Verify" })).toBeDisabled()

    await act(() => clock.advance(60_000))
    expect(screen.getByRole("status")).toHaveTextContent("You can try again now.")
    await user.clear(code())
    await user.type(code(), generateTotp(tess.totpSecret ?? "", clock.now()))
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
  })
})
