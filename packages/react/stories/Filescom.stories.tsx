import {
  alice,
  bob,
  type DemoPerson,
  generateTotp,
  lou,
  mona,
  nina,
  otto,
  sam,
  uma,
} from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import type { Messages } from "../src/messages"
import { SignIn } from "../src/SignIn"
import { flowAt, typeAndSubmit, userName } from "./journeys"
import { type Scene, scene } from "./scene"
import { type FilescomWorld, filescomWorld } from "./worlds"

const meta = {
  title: "Vendors/Files.com",
  component: SignIn,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The drop-in screen against the Files.com emulator (REST API v1 sessions): a second step by app code or text message, every refusal a person must act on, the retry on the site's region, and re-authentication when a session's lifetime is over (Files.com has no refresh). The method choice, the text message sent again and the YubiKey are under Forms/SecondFactorForm.",
      },
    },
  },
} satisfies Meta<typeof SignIn>

export default meta

const signIns = (world: FilescomWorld) => world.wire.count("POST /sessions")

/** Types `person`'s user name and password into the form and submits it. */
const signInAs = (current: Scene<FilescomWorld>, person: DemoPerson, password = person.password) =>
  typeAndSubmit(current, userName(person.username), password)

/** Signs `person` in and waits for the sentence `expected` picks on the form. */
function refusal(person: DemoPerson, expected: (text: Messages) => string) {
  return scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, person)
      const sentence = expected(text)
      expect(await canvas.findByText(sentence, { selector: "p" })).toBeVisible()
      expect(canvas.getByRole("button", { name: text.submit })).toHaveAccessibleDescription(
        sentence,
      )
      await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(sentence))
      expect(world.client.getSnapshot().status).toBe("signedOut")
    },
  })
}

export const AppCode = {
  name: "Authenticator app code, then signed in: two requests",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, bob)
      const code = await canvas.findByLabelText(text.codeLabel.totp)
      expect(code).toHaveAttribute("inputmode", "numeric")
      expect(canvas.getByText(text.expiresIn("10:00"))).toBeVisible()
      await userEvent.type(code, generateTotp(bob.totpSecret ?? "", world.clock.now()))
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(signIns(world)).toBe(2)
    },
  }),
}

export const TextMessage = {
  name: "Text message code, then signed in",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, sam)
      const code = await canvas.findByLabelText(text.codeLabel.sms)
      await userEvent.type(code, world.textMessage(sam.username))
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.id).toBe(sam.username)
    },
  }),
}

export const WrongCode = {
  name: "Wrong code",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, bob)
      const right = generateTotp(bob.totpSecret ?? "", world.clock.now())
      const code = await canvas.findByLabelText(text.codeLabel.totp)
      await userEvent.type(code, right === "000000" ? "111111" : "000000")
      await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"))
      expect(code).toHaveAccessibleDescription(new RegExp(text.errors.invalid_second_factor))
      expect(code).toHaveFocus()
      expect(canvas.getByRole("heading", { name: text.secondFactorHeading })).toBeVisible()
    },
  }),
}

export const Locked = { name: "Locked out", ...refusal(lou, (text) => text.errors.account_locked) }

export const PasswordChangeRequired = {
  name: "Password change required",
  ...refusal(mona, (text) => text.errors.password_change_required),
}

export const SecondFactorSetupRequired = {
  name: "Two-step verification to set up",
  ...refusal(nina, (text) => text.errors.second_factor_setup_required),
}

export const SecondFactorSetupExpired = {
  name: "Two-step verification setup expired",
  ...refusal(otto, (text) => text.errors.second_factor_setup_expired),
}

export const SecurityKeyUnsupported = {
  name: "Security key (U2F) not supported",
  ...refusal(uma, (text) => text.secondFactorUnsupported("u2f")),
}

export const RateLimited = {
  name: "Rate limited",
  ...scene({
    world: () => filescomWorld({ emulator: { rateLimit: { limit: 2, windowMs: 60_000 } } }),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, alice, "guess one")
      const submit = await canvas.findByRole("button", { name: text.submit })
      // Two wrong passwords within a minute; the third attempt waits for Retry-After.
      for (const _attempt of [2, 3]) {
        await waitFor(() => expect(submit).not.toHaveAttribute("data-state", "pending"))
        await userEvent.click(submit)
      }
      expect(await canvas.findByText(text.retryIn(60), { selector: "p" })).toBeVisible()
      expect(submit).toBeDisabled()
      // The button it was sent with is disabled: focus is back in the password, not lost to the page.
      expect(canvas.getByLabelText(text.passwordLabel)).toHaveFocus()
      await world.clock.advance(20_000)
      expect(await canvas.findByText(text.retryIn(40), { selector: "p" })).toBeVisible()
      expect(signIns(world)).toBe(3)
    },
  }),
}

export const RegionRetry = {
  name: "Region mismatch, retried on the region's host",
  ...scene({
    world: () => filescomWorld({ site: "https://files.localhost" }),
    async play(current) {
      const { canvas, text, world } = current
      await signInAs(current, alice)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      // One refusal from the configured host, one session from the host it named: never a third request.
      expect(signIns(world)).toBe(2)
      expect(world.client.getSnapshot().session?.credentials).toMatchObject({
        baseUrl: "https://eu.files.localhost",
      })
    },
  }),
}

const lifetimeMs = 10 * 60_000

/** Alice signed in on a session that ends: a minute before its end, the client asks for her password again. */
async function endingSession(): Promise<FilescomWorld> {
  const world = filescomWorld({ sessionLifetimeMs: lifetimeMs })
  await world.client.ready()
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.submit({ identifier: alice.username, password: alice.password })
  flow.dispose()
  // No refresh: a minute before the session's end, the client asks for the password again.
  await world.clock.advance(lifetimeMs - 60_000)
  if (world.client.getSnapshot().status !== "reauthRequired")
    throw new Error("The ending session did not ask for re-authentication.")
  return world
}

/** The re-authentication screen: the password only, the user name it keeps said in words. */
async function expectReauthScreen({ canvas, text }: Scene<FilescomWorld>): Promise<void> {
  expect(await canvas.findByRole("heading", { name: text.reauthHeading })).toBeVisible()
  expect(canvas.getByText(text.reauthAs(alice.username))).toBeVisible()
  expect(canvas.queryByLabelText(text.identifierLabel.username)).not.toBeInTheDocument()
}

export const Reauthentication = {
  name: "Session over: the password again, the user name kept",
  ...scene({
    world: endingSession,
    async play(current) {
      await expectReauthScreen(current)
      expect(current.canvas.getByLabelText(current.text.passwordLabel)).toHaveValue("")
      expect(current.world.client.getSnapshot().status).toBe("reauthRequired")
    },
  }),
}

export const ReauthenticationSignedIn = {
  name: "Session over, the password typed again, signed in",
  ...scene({
    world: endingSession,
    async play(current) {
      const { canvas, text, world } = current
      await expectReauthScreen(current)
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
      await userEvent.keyboard("{Enter}")
      await waitFor(() => expect(world.client.getSnapshot().status).toBe("signedIn"))
      expect(world.client.getSnapshot().session?.user.id).toBe(alice.username)
      expect(signIns(world)).toBe(2)
    },
  }),
}
