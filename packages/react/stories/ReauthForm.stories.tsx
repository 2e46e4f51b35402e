import { fakePeople, fakeSecondFactorCode } from "@latchkey/core/testing"
import { alice } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { ReauthForm } from "../src/ReauthForm"
import { inlineCodeWorld } from "./fakeVendors"
import { flowAt, softLoggedOutAlice } from "./journeys"
import { scene } from "./scene"

const meta = {
  title: "Forms/ReauthForm",
  component: ReauthForm,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "Re-authentication inside the drop-in screen: Alice soft-logged-out by the Matrix emulator (her device stays), and an SFTPGo-shaped session that ends without refresh (the core's fake server), which asks for the code too.",
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
    expect(
      await canvas.findByText(text.errors.invalid_credentials, { selector: "p" }),
    ).toBeVisible()
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

const [, fakeBob] = fakePeople
const sessionLifetimeMs = 20 * 60 * 1000

export const WithInlineCode = {
  name: "Session ending, with the code (SFTPGo shape)",
  ...scene({
    world: async () => {
      const world = inlineCodeWorld({ accessTtlMs: sessionLifetimeMs })
      await world.client.ready()
      const flow = world.client.signIn()
      await flowAt(flow, "start")
      await flow.submit({
        identifier: fakeBob.id,
        password: fakeBob.password,
        code: fakeSecondFactorCode,
      })
      flow.dispose()
      // No refresh token: the client asks for the password again just before the session ends.
      await world.clock.advance(sessionLifetimeMs)
      if (world.client.getSnapshot().status !== "reauthRequired")
        throw new Error("The ending session did not ask for re-authentication.")
      return world
    },
    async play({ canvas, text, world }) {
      expect(await canvas.findByRole("heading", { name: text.reauthHeading })).toBeVisible()
      expect(canvas.getByText(new RegExp(fakeBob.name))).toBeVisible()
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), fakeBob.password)
      await userEvent.type(canvas.getByLabelText(text.inlineCodeLabel), fakeSecondFactorCode)
      await userEvent.keyboard("{Enter}")
      await waitFor(() => expect(world.client.getSnapshot().status).toBe("signedIn"))
      await waitFor(() =>
        expect(canvas.queryByRole("heading", { name: text.reauthHeading })).not.toBeInTheDocument(),
      )
    },
  }),
}
