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
          "The identity providers the Matrix emulator announces in `GET /login` (a GitHub and a GitLab stand-in, GitLab with an icon), and the brand marks the stylesheet draws for Google, Apple, GitHub and Microsoft when the server sends no icon.",
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

/** Providers a homeserver may announce without icons: the forms draw the marks of the brands they know. */
const brandedProviders = [
  { id: "oidc-google", name: "Google", brand: "google" },
  { id: "oidc-apple", name: "Apple", brand: "apple" },
  { id: "oidc-github", name: "GitHub", brand: "github" },
  { id: "oidc-microsoft", name: "Microsoft", brand: "microsoft" },
  { id: "saml-example", name: "Example Corp" },
]

export const BrandMarks = {
  name: "Brand marks (no icons from the server)",
  ...scene({
    world: () => matrixWorld({ emulator: { identityProviders: brandedProviders } }),
    render: () => <ProvidersAlone />,
    async play({ canvas, text }) {
      await canvas.findByRole("heading", { name: text.ssoHeading })
      // The stylesheet draws each known brand's mark before its name (Google's four colours, Apple's in the text
      // colour); Example Corp has no brand, so no mark. No image is fetched for any of them.
      for (const { name, brand } of brandedProviders) {
        const button = canvas.getByRole("button", { name: text.ssoContinueWith(name) })
        if (brand) expect(button).toHaveAttribute("data-brand", brand)
        else expect(button).not.toHaveAttribute("data-brand")
        expect(within(button).queryByRole("presentation")).not.toBeInTheDocument()
      }
    },
  }),
}

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
