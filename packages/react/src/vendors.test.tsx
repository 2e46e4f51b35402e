import { createAuthClient } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { matrixAdapter } from "@latchkey/core/matrix"
import { createManualClock, createTestPlatform } from "@latchkey/core/testing"
import {
  alice,
  bob,
  createCloudreveEmulator,
  createMatrixEmulator,
  createSeededRandomBytes,
  generateTotp,
  visitStandInIdp,
} from "@latchkey/emulators"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { act, render, screen } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import type { ReactNode } from "react"
import { describe, expect, it, vi } from "vitest"
import { LatchkeyProvider } from "./LatchkeyProvider"
import { SignIn } from "./SignIn"
import { axeViolations } from "./test/axe"

function providers(client: Parameters<typeof LatchkeyProvider>[0]["client"]) {
  const queryClient = new QueryClient()
  return ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <LatchkeyProvider client={client}>{children}</LatchkeyProvider>
    </QueryClientProvider>
  )
}

describe("against the Matrix emulator", () => {
  const homeserver = "http://localhost:8008"
  function matrix() {
    const clock = createManualClock()
    const emulator = createMatrixEmulator({ clock, random: createSeededRandomBytes(5) })
    const platform = createTestPlatform({
      clock,
      url: "http://app.test/sign-in",
      fetch: (request) => emulator.handle(request),
    })
    const client = createAuthClient({ adapter: matrixAdapter({ homeserver }), platform })
    return { clock, emulator, platform, client, wrapper: providers(client) }
  }

  it("signs in with a Matrix ID and offers the homeserver's identity providers", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, clock } = matrix()
    const { container } = render(<SignIn />, { wrapper })
    await act(() => clock.flush())
    const identifier = screen.getByLabelText("Matrix ID")
    expect(screen.getAllByRole("button", { name: /^Continue with / }).length).toBeGreaterThan(0)
    expect(await axeViolations(container)).toEqual([])
    await user.type(identifier, alice.matrixUserId)
    await user.type(screen.getByLabelText("Password"), alice.password)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("completes an SSO round trip once through the drop-in", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, platform, emulator, clock } = matrix()
    const first = render(<SignIn />, { wrapper })
    await act(() => clock.flush())
    const [button] = screen.getAllByRole("button", { name: /^Continue with / })
    if (!button) throw new Error("No identity provider")
    await user.click(button)
    await act(() => clock.flush())
    expect(platform.visited).toHaveLength(1)
    first.unmount()

    // The browser's part: the homeserver's redirect, the stand-in identity provider's page, back to the app.
    const landing = await visitStandInIdp(emulator, platform.visited[0] ?? "", alice.username)
    platform.url = landing

    const onSignedIn = vi.fn()
    render(<SignIn callbackUrl={landing} onSignedIn={onSignedIn} />, { wrapper })
    await act(() => clock.flush())
    expect(onSignedIn).toHaveBeenCalledTimes(1)
    expect(client.getSnapshot().session?.user.id).toBe(alice.matrixUserId)
    expect(platform.url).not.toMatch(/loginToken/)
  })

  it("asks only for the password after a soft logout, and keeps the device", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, emulator, clock } = matrix()
    await client.ready()
    const flow = client.signIn()
    await clock.flush()
    expect(flow.getSnapshot().step).toBe("start")
    await flow.submit({ identifier: alice.matrixUserId, password: alice.password })
    flow.dispose()
    emulator.softLogout(alice.matrixUserId)
    await expect(client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`)).rejects.toThrow()
    expect(client.getSnapshot().status).toBe("reauthRequired")

    const { container } = render(<SignIn />, { wrapper })
    await act(() => clock.flush())
    expect(screen.getByRole("heading", { name: "Confirm it’s you" })).toBeInTheDocument()
    expect(screen.getByText(new RegExp(alice.matrixUserId))).toBeInTheDocument()
    expect(screen.queryByLabelText("Matrix ID")).not.toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    await user.type(screen.getByLabelText("Password"), alice.password)
    await user.keyboard("{Enter}")
    await act(() => clock.flush())
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(emulator.devices(alice.matrixUserId)).toHaveLength(1)
  })
})

describe("against the Cloudreve emulator", () => {
  function cloudreve(options: { loginCaptcha?: boolean } = {}) {
    const clock = createManualClock()
    const emulator = createCloudreveEmulator({
      clock,
      random: createSeededRandomBytes(11),
      ...options,
    })
    const tickets: string[] = []
    const inFlight = new Set<Promise<Response>>()
    const answer = async (request: Request) => {
      const response = await emulator.handle(request)
      if (new URL(request.url).pathname.endsWith("/site/captcha")) {
        const body: unknown = await response.clone().json()
        const ticket = JSON.stringify(body).match(/"ticket":"([^"]+)"/)?.[1]
        if (ticket) tickets.push(ticket)
      }
      return response
    }
    const platform = createTestPlatform({
      clock,
      fetch(request) {
        const pending = answer(request)
        inFlight.add(pending)
        const done = () => inFlight.delete(pending)
        pending.then(done, done)
        return pending
      },
    })
    const client = createAuthClient({
      adapter: cloudreveAdapter({ baseUrl: "https://cloud.test" }),
      platform,
    })
    // The emulator signs its tokens with WebCrypto, which finishes on a thread pool no clock flush reaches:
    // wait for the requests themselves, then let what they started settle.
    const settle = () =>
      act(async () => {
        await clock.flush()
        while (inFlight.size > 0) {
          await Promise.allSettled(inFlight)
          await clock.flush()
        }
      })
    return { clock, emulator, client, tickets, settle, wrapper: providers(client) }
  }

  it("answers the image captcha with an e-mail address, a new image after a wrong answer", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, emulator, tickets, settle } = cloudreve({ loginCaptcha: true })
    const { container } = render(<SignIn />, { wrapper })
    await settle()
    const email = screen.getByLabelText("E-mail address")
    expect(email).toHaveAttribute("type", "email")
    const image = screen.getByRole("img", { name: "Captcha: characters to type" })
    expect(image.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(await axeViolations(container)).toEqual([])

    await user.type(email, alice.email)
    await user.type(screen.getByLabelText("Password"), alice.password)
    const answer = screen.getByLabelText("Characters in the image")
    await user.type(answer, "00000")
    const firstImage = image.getAttribute("src")
    await user.keyboard("{Enter}")
    await settle()
    expect(answer).toHaveAttribute("aria-invalid", "true")
    expect(screen.getByRole("img").getAttribute("src")).not.toBe(firstImage)

    const solved = emulator.captchaAnswer(tickets.at(-1) ?? "") ?? ""
    await user.type(answer, solved)
    await user.keyboard("{Enter}")
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
  })

  it("says the account or password is wrong on the password field, and puts the cursor there", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, settle } = cloudreve()
    render(<SignIn />, { wrapper })
    await settle()
    await user.type(screen.getByLabelText("E-mail address"), alice.email)
    await user.type(screen.getByLabelText("Password"), "not her password")
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await settle()
    const password = screen.getByLabelText("Password")
    expect(password).toHaveAttribute("aria-invalid", "true")
    expect(password).toHaveAccessibleDescription("The account or password is wrong.")
    expect(password).toHaveFocus()
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("asks Bob for his TOTP code in a second step", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, wrapper, clock, settle } = cloudreve()
    const { container } = render(<SignIn />, { wrapper })
    await settle()
    await user.type(screen.getByLabelText("E-mail address"), bob.email)
    await user.type(screen.getByLabelText("Password"), bob.password)
    await user.keyboard("{Enter}")
    await settle()
    expect(screen.getByLabelText("Code from your authenticator app")).toHaveFocus()
    expect(screen.getByText("This step expires in 10:00.")).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])

    const code = screen.getByLabelText("Code from your authenticator app")
    await user.type(code, "000000")
    await settle()
    expect(code).toHaveAttribute("aria-invalid", "true")
    await user.clear(code)
    await user.type(code, generateTotp(bob.totpSecret ?? "", clock.now()))
    await settle()
    expect(client.getSnapshot().status).toBe("signedIn")
  })
})
