import { alice, bob } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { ReauthForm } from "../src/ReauthForm"
import { bobAskedAgain, bobsCode, softLoggedOutAlice } from "./journeys"
import { scene } from "./scene"

const meta = {
  title: "Forms/ReauthForm",
  component: ReauthForm,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "Re-authentication inside the drop-in screen: Alice soft-logged-out by the Matrix emulator (her device stays), and Bob's SFTPGo session, which has no refresh and asks for the password and a new code before the token expires (the SFTPGo emulator).",
      },
    },
  },
} satisfies Meta<typeof ReauthForm>

export default meta

export const SoftLogout = {
  name: "Soft logout (Matrix)",
  ...scene({
    world: () => softLoggedOutAlice(),
    async play({ canvas, text }) {
      expect(await canvas.findByRole("heading", { name: text.reauthHeading })).toBeVisible()
      expect(canvas.getByText(new RegExp(alice.matrixUserId))).toBeVisible()
      expect(canvas.queryByLabelText(text.identifierLabel.matrixId)).not.toBeInTheDocument()
      expect(canvas.getByLabelText(text.passwordLabel)).toHaveValue("")
      expect(canvas.getByRole("button", { name: text.notYou })).toBeEnabled()
    },
  }),
}

export const WrongPassword = scene({
  world: () => softLoggedOutAlice(),
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.passwordLabel), "not my password")
    await userEvent.keyboard("{Enter}")
    expect(await canvas.findByText(text.passwordWrong, { selector: "p" })).toBeVisible()
    expect(canvas.getByRole("heading", { name: text.reauthHeading })).toBeVisible()
  },
})

export const Confirmed = scene({
  world: () => softLoggedOutAlice(),
  async play({ canvas, text, world }) {
    await userEvent.type(await canvas.findByLabelText(text.passwordLabel), alice.password)
    await userEvent.keyboard("{Enter}")
    const done = await canvas.findByRole("heading", { name: text.signedIn })
    await waitFor(() => expect(done).toHaveFocus())
    expect(world.client.getSnapshot().status).toBe("signedIn")
    // The same device: the user's encryption keys and sessions stay.
    expect(world.emulator.devices(alice.matrixUserId)).toHaveLength(1)
  },
})

export const NotYou = {
  name: "Not you? Sign out",
  ...scene({
    world: () => softLoggedOutAlice(),
    async play({ canvas, text, world }) {
      await userEvent.click(await canvas.findByRole("button", { name: text.notYou }))
      expect(await canvas.findByRole("heading", { name: text.signInHeading })).toBeVisible()
      expect(canvas.getByLabelText(text.identifierLabel.matrixId)).toHaveValue("")
      await waitFor(() => expect(world.client.getSnapshot().status).toBe("signedOut"))
    },
  }),
}

export const AskedBeforeExpiry = {
  name: "Asked again before expiry, with the code (SFTPGo)",
  ...scene({
    world: () => bobAskedAgain(),
    async play({ canvas, text, world }) {
      expect(await canvas.findByRole("heading", { name: text.reauthHeading })).toBeVisible()
      expect(canvas.getByText(text.reauthAs(bob.username, true))).toBeVisible()
      expect(canvas.queryByLabelText(text.identifierLabel.username)).not.toBeInTheDocument()
      expect(canvas.getByLabelText(text.passwordLabel)).toHaveValue("")
      expect(canvas.getByLabelText(text.inlineCodeLabel)).toHaveValue("")
      // Within the last minute before the token expires, and no request has failed: the sign-in was the only one.
      const expiresAt = world.client.getSnapshot().session?.expiresAt ?? 0
      expect(expiresAt - world.clock.now()).toBeGreaterThan(0)
      expect(expiresAt - world.clock.now()).toBeLessThanOrEqual(60_000)
      expect(world.wire.requests).toEqual(["GET /api/v2/user/token"])
    },
  }),
}

export const ConfirmedWithCode = {
  name: "Confirmed with a new code (SFTPGo)",
  ...scene({
    world: () => bobAskedAgain(),
    async play({ canvas, text, world }) {
      const before = world.client.getSnapshot().session?.expiresAt ?? 0
      await userEvent.type(await canvas.findByLabelText(text.passwordLabel), bob.password)
      await userEvent.type(canvas.getByLabelText(text.inlineCodeLabel), bobsCode(world))
      await userEvent.keyboard("{Enter}")
      const done = await canvas.findByRole("heading", { name: text.signedIn })
      await waitFor(() => expect(done).toHaveFocus())
      const session = world.client.getSnapshot().session
      expect(world.client.getSnapshot().status).toBe("signedIn")
      expect(session?.user.id).toBe(bob.username)
      expect(session?.expiresAt ?? 0).toBeGreaterThan(before)
    },
  }),
}
