import { ssoStateParameter } from "@latchkey/core"
import { alice } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SignIn } from "../src/SignIn"
import { SsoCallback } from "../src/SsoCallback"
import { backFromIdentityProvider } from "./journeys"
import { scene } from "./scene"
import { appUrl, matrixWorld } from "./worlds"

const meta = {
  title: "Forms/SsoCallback",
  component: SsoCallback,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The page the identity provider sends the browser back to, inside the drop-in screen. Each story has been through the Matrix emulator's stand-in identity provider as Alice, or forges the way back.",
      },
    },
  },
} satisfies Meta<typeof SsoCallback>

export default meta

export const Completing = scene({
  world: async () => {
    const world = await backFromIdentityProvider()
    world.wire.hold("POST /_matrix/client/v3/login")
    return world
  },
  render: (world) => <SignIn callbackUrl={world.callbackUrl} />,
  keepsTimeStill: true,
  async play({ canvas, text, canvasElement }) {
    expect(await canvas.findByRole("heading", { name: text.ssoCallbackHeading })).toBeVisible()
    expect(await canvas.findByText(text.completingSso)).toBeVisible()
    expect(canvasElement.querySelector("[data-latchkey='sso-callback']")).toHaveAttribute(
      "aria-busy",
      "true",
    )
  },
})

export const SignedIn = scene({
  world: () => backFromIdentityProvider(),
  render: (world) => <SignIn callbackUrl={world.callbackUrl} />,
  async play({ canvas, text, world }) {
    expect(await canvas.findByText(text.signedIn, { selector: "p" })).toBeVisible()
    expect(world.client.getSnapshot().session?.user.id).toBe(alice.matrixUserId)
    // The one-time login token leaves the address bar.
    expect(world.platform.url).not.toMatch(/loginToken/)
  },
})

const forged = `${appUrl}?loginToken=forged&${ssoStateParameter}=forged`

export const ForgedState = {
  name: "Forged state",
  ...scene({
    world: () => {
      const world = matrixWorld()
      world.platform.url = forged
      return world
    },
    render: () => <SignIn callbackUrl={forged} />,
    async play({ canvas, text, world }) {
      expect(
        await canvas.findByText(text.errors.sso_state_mismatch, { selector: "p" }),
      ).toBeVisible()
      await waitFor(() =>
        expect(canvas.getByRole("status")).toHaveTextContent(text.errors.sso_state_mismatch),
      )
      // Nothing forged reaches the homeserver.
      expect(world.wire.count("POST /_matrix/client/v3/login")).toBe(0)
      expect(canvas.getByRole("button", { name: text.tryAgain })).toBeVisible()
    },
  }),
}

export const ForgedStateTriedAgain = {
  name: "Forged state, then tried again",
  ...scene({
    world: () => {
      const world = matrixWorld()
      world.platform.url = forged
      return world
    },
    render: () => <SignIn callbackUrl={forged} />,
    async play({ canvas, text }) {
      expect(
        await canvas.findByText(text.errors.sso_state_mismatch, { selector: "p" }),
      ).toBeVisible()
      await userEvent.click(canvas.getByRole("button", { name: text.tryAgain }))
      expect(await canvas.findByRole("heading", { name: text.signInHeading })).toBeVisible()
    },
  }),
}

export const LoginTokenExpired = {
  name: "Came back too late",
  ...scene({
    world: async () => {
      const world = await backFromIdentityProvider()
      // The homeserver's login token lives 5 s; the browser took longer to come back.
      world.clock.jump(6_000)
      return world
    },
    render: (world) => <SignIn callbackUrl={world.callbackUrl} />,
    async play({ canvas, text }) {
      expect(await canvas.findByText(text.errors.session_expired, { selector: "p" })).toBeVisible()
      expect(canvas.getByRole("button", { name: text.tryAgain })).toBeVisible()
    },
  }),
}
