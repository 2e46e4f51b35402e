import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor, within } from "storybook/test"
import { SsoProviders } from "../src/SsoProviders"
import { useSignIn } from "../src/useSignIn"
import { scene } from "./scene"
import { homeserver, matrixWorld } from "./worlds"

/** The identity providers on their own, as an app that offers single sign-on only would show them. */
function ProvidersAlone() {
  const signIn = useSignIn()
  return <SsoProviders signIn={signIn} />
}

const meta = {
  title: "Forms/SsoProviders",
  component: SsoProviders,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The identity providers the Matrix emulator announces in `GET /login` (a GitHub and a GitLab stand-in, GitLab with an icon).",
      },
    },
  },
} satisfies Meta<typeof SsoProviders>

export default meta

export const Providers = scene({
  world: () => matrixWorld(),
  render: () => <ProvidersAlone />,
  async play({ canvas, text }) {
    expect(await canvas.findByRole("heading", { name: text.ssoHeading })).toBeVisible()
    const github = canvas.getByRole("button", { name: text.ssoContinueWith("GitHub") })
    expect(github).toHaveAttribute("data-brand", "github")
    const gitlab = canvas.getByRole("button", { name: text.ssoContinueWith("GitLab") })
    expect(within(gitlab).getByRole("presentation")).toHaveAttribute(
      "src",
      expect.stringContaining(`${homeserver}/_matrix/media/`),
    )
  },
})

export const Redirecting = scene({
  world: () => matrixWorld(),
  render: () => <ProvidersAlone />,
  async play({ canvas, text, world }) {
    await userEvent.click(
      await canvas.findByRole("button", { name: text.ssoContinueWith("GitHub") }),
    )
    expect(await canvas.findByText(text.redirecting)).toBeVisible()
    // The browser would now leave for the homeserver, which sends it on to the identity provider.
    await waitFor(() => expect(world.platform.visited).toHaveLength(1))
    expect(world.platform.visited[0]).toMatch(
      new RegExp(`^${homeserver}/_matrix/client/v3/login/sso/redirect/oidc-github\\?`),
    )
  },
})
