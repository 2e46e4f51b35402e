import {
  alice,
  bob,
  polarioDisabledPerson,
  polarioLockedPerson,
  polarioUnicodePerson,
} from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SignIn } from "../src/SignIn"
import { email, typeAndSubmit } from "./journeys"
import { backFromPolarioIdentityProvider, polarioApi, polarioWorld } from "./polarioWorld"
import { scene } from "./scene"
import { appUrl } from "./worlds"

const meta = {
  title: "Drop-in/Polario",
  component: SignIn,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The drop-in screen over the Polario emulator: SCRAM-SHA-256 sign-in (the password never leaves the device; the server must prove it holds the password's keys) and SAML2 single sign-on, whose callback counts only in the tab that set off.",
      },
    },
  },
} satisfies Meta<typeof SignIn>

export default meta

/** Where an error no field owns is written: a paragraph of the form. */
const paragraph = { selector: "p" }

export const SignedIn = {
  name: "Polario: signed in with SCRAM",
  ...scene({
    world: () => polarioWorld(),
    async play(current) {
      const { canvas, text, world } = current
      expect(await canvas.findByLabelText(text.identifierLabel.email)).toHaveAttribute(
        "type",
        "email",
      )
      await typeAndSubmit(current, email(alice.email), alice.password)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      // The providers, then SCRAM's two messages: the password itself never went out.
      expect(world.wire.requests).toEqual([
        "GET /api/auth/default/sso-provider",
        "POST /api/auth/auth",
        "POST /api/auth/login",
      ])
      expect(world.client.getSnapshot().session?.user.email).toBe(alice.email)
    },
  }),
}

export const CheckingPassword = {
  name: "Polario: checking your password…",
  ...scene({
    world: () => polarioWorld({ holdsKeyDerivation: true }),
    keepsTimeStill: true,
    async play(current) {
      const { canvas, text, world } = current
      await typeAndSubmit(current, email(bob.email), bob.password)
      const pending = await canvas.findByRole("button", { name: text.checkingPassword })
      expect(pending).toBeDisabled()
      expect(pending).toHaveAttribute("data-state", "pending")
      // The key is being derived: the server's first answer came, the proof has not gone out yet.
      expect(world.wire.count("POST /auth/auth")).toBe(1)
      expect(world.wire.count("POST /auth/login")).toBe(0)
      // Meanwhile the form answers: the reveal toggle shows what was typed.
      const reveal = canvas.getByRole("button", { name: text.showPassword })
      await userEvent.click(reveal)
      expect(reveal).toHaveAccessibleName(text.hidePassword)
      expect(canvas.getByLabelText(text.passwordLabel)).toHaveAttribute("type", "text")
      expect(canvas.getByRole("button", { name: text.checkingPassword })).toBeDisabled()
    },
  }),
}

export const WrongPassword = {
  name: "Polario: wrong password",
  ...scene({
    world: () => polarioWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await typeAndSubmit(current, email(alice.email), "not my password")
      const password = canvas.getByLabelText(text.passwordLabel)
      await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"))
      expect(password).toHaveAccessibleDescription(text.errors.invalid_credentials)
      await waitFor(() => expect(password).toHaveFocus())
      expect(world.client.getSnapshot().status).toBe("signedOut")
    },
  }),
}

export const Locked = {
  name: "Polario: locked account",
  ...scene({
    world: () => polarioWorld(),
    async play(current) {
      const { canvas, text } = current
      await typeAndSubmit(current, email(polarioLockedPerson.email), polarioLockedPerson.password)
      expect(await canvas.findByText(text.errors.account_locked, paragraph)).toBeVisible()
      await waitFor(() =>
        expect(canvas.getByRole("status")).toHaveTextContent(text.errors.account_locked),
      )
    },
  }),
}

export const Disabled = {
  name: "Polario: disabled account",
  ...scene({
    world: () => polarioWorld(),
    async play(current) {
      const { canvas, text } = current
      await typeAndSubmit(
        current,
        email(polarioDisabledPerson.email),
        polarioDisabledPerson.password,
      )
      expect(await canvas.findByText(text.errors.account_disabled, paragraph)).toBeVisible()
    },
  }),
}

export const ServerSignatureMismatch = {
  name: "Polario: the server cannot prove it knows the password",
  ...scene({
    world: () => polarioWorld({ forgesServerSignature: true }),
    async play(current) {
      const { canvas, text, world } = current
      await typeAndSubmit(current, email(alice.email), alice.password)
      expect(
        await canvas.findByText(text.errors.scram_server_signature_mismatch, paragraph),
      ).toBeVisible()
      // The answer came with a session, but nothing of it is kept.
      expect(world.wire.count("POST /auth/login")).toBe(1)
      expect(world.client.getSnapshot().status).toBe("signedOut")
      expect(canvas.getByRole("button", { name: text.submit })).toHaveAccessibleDescription(
        text.errors.scram_server_signature_mismatch,
      )
    },
  }),
}

export const IterationCountTooLow = {
  name: "Polario: too few iterations",
  ...scene({
    world: () => polarioWorld({ emulator: { iterations: 1000 } }),
    async play(current) {
      const { canvas, text, world } = current
      await typeAndSubmit(current, email(alice.email), alice.password)
      expect(
        await canvas.findByText(text.errors.scram_iteration_count_too_low, paragraph),
      ).toBeVisible()
      // Refused before any proof went out: a weak salted password is never offered to the server.
      expect(world.wire.count("POST /auth/login")).toBe(0)
      expect(world.client.getSnapshot().status).toBe("signedOut")
    },
  }),
}

export const PasswordNeedsSaslprep = {
  name: "Polario: a password SASLprep maps",
  ...scene({
    world: () => polarioWorld(),
    async play(current) {
      const { canvas, text, world } = current
      // Full-width letters, an em space and a soft hyphen, typed as they are.
      await typeAndSubmit(current, email(polarioUnicodePerson.email), polarioUnicodePerson.password)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.email).toBe(polarioUnicodePerson.email)
    },
  }),
}

export const SingleSignOn = {
  name: "Polario: single sign-on",
  ...scene({
    world: () => polarioWorld(),
    async play({ canvas, text, world }) {
      expect(await canvas.findByText(text.ssoDivider)).toBeVisible()
      await userEvent.click(
        canvas.getByRole("button", { name: text.ssoContinueWith("Example Corp") }),
      )
      expect(await canvas.findByText(text.redirecting, paragraph)).toBeVisible()
      // The browser would now leave for Polario, which sends it on to the identity provider.
      await waitFor(() => expect(world.platform.visited).toHaveLength(1))
      expect(world.platform.visited[0]).toBe(`${polarioApi}/auth/Saml2/example-idp?origin=Web`)
    },
  }),
}

export const BackFromIdentityProvider = {
  name: "Polario: back from the identity provider",
  ...scene({
    world: () => backFromPolarioIdentityProvider(),
    render: (world) => <SignIn callbackUrl={world.callbackUrl} />,
    async play({ canvas, text, world }) {
      expect(await canvas.findByText(text.signedIn, { selector: "p" })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.email).toBe(alice.email)
      expect(world.wire.count("POST /auth/sso-code")).toBe(1)
      // The one-time code leaves the address bar.
      expect(world.platform.url).not.toMatch(/code=/)
    },
  }),
}

const otherTab = `${appUrl.replace(/\/sign-in$/, "")}/polario/callback?code=from-another-tab`

export const CallbackFromAnotherTab = {
  name: "Polario: a callback this tab did not start",
  ...scene({
    world: () => {
      const world = polarioWorld()
      world.platform.url = otherTab
      return world
    },
    render: () => <SignIn callbackUrl={otherTab} />,
    async play({ canvas, text, world }) {
      expect(await canvas.findByText(text.errors.sso_state_mismatch, paragraph)).toBeVisible()
      // No pending marker in this tab: the code is never exchanged.
      expect(world.wire.count("POST /auth/sso-code")).toBe(0)
      expect(world.platform.url).not.toMatch(/code=/)
      expect(canvas.getByRole("button", { name: text.tryAgain })).toBeVisible()
    },
  }),
}
