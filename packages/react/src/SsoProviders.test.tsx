import { readFileSync } from "node:fs"
import { join } from "node:path"
import { act, screen } from "@testing-library/react"
import { afterEach, describe, expect, it } from "vitest"
import { SsoProviders } from "./SsoProviders"
import { harness, withOptions } from "./test/harness"
import { useSignIn } from "./useSignIn"

function Standalone() {
  const signIn = useSignIn()
  return <SsoProviders signIn={signIn} className="app-sso" />
}

describe("SsoProviders on its own", () => {
  it("is a themed card of its own that takes the app's class name", async () => {
    const { render, clock } = harness()
    render(<Standalone />)
    await act(() => clock.flush())
    const button = screen.getByRole("button", { name: /Example IdP/ })
    const card = button.closest("section")
    expect(card).toHaveClass("lk", "lk-sso", "app-sso")
  })
})

/**
 * What the stylesheet draws before a button's name: its `::before` rules, in source order (they share one
 * specificity). jsdom lays out no pseudo-elements, so the rules are matched here as a browser would.
 */
function markOf(button: HTMLElement) {
  const declared = new Map<string, string>()
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSStyleRule)) continue
      const selectors = rule.selectorText.split(/,\s*/)
      const applies = selectors.some(
        (selector) =>
          selector.endsWith("::before") && button.matches(selector.slice(0, -"::before".length)),
      )
      if (!applies) continue
      for (const property of Array.from(rule.style))
        declared.set(property, rule.style.getPropertyValue(property))
    }
  }
  if (declared.get("content") === undefined) return undefined
  // One-colour marks are a mask painted in the text colour; the others, an image in their own colours.
  const isMonochrome = declared.get("mask")?.startsWith("var(--lk-mark)") === true
  const url = isMonochrome ? declared.get("--lk-mark") : declared.get("background-image")
  // jsdom keeps a custom property's value unquoted, with CSS escapes: read both spellings.
  const data = /^url\("?data:image\/svg\+xml,(.+?)"?\)$/.exec(url?.trim() ?? "")?.[1] ?? ""
  const svg = data.replace(/\\(.)/g, "$1")
  const image = new DOMParser().parseFromString(decodeURIComponent(svg), "image/svg+xml")
  const colours = [...image.querySelectorAll("path")].map(
    (path) => path.getAttribute("fill") ?? path.getAttribute("stroke"),
  )
  return {
    isMonochrome,
    paint: isMonochrome ? declared.get("background-color") : undefined,
    isDrawing: image.documentElement.localName === "svg" && colours.length > 0,
    colours: isMonochrome ? [] : colours,
  }
}

describe("brand marks on single sign-on buttons", () => {
  afterEach(() => {
    for (const style of document.head.querySelectorAll("style")) style.remove()
  })

  it("draws the mark of each well-known provider the server gives no icon for, and none for others", async () => {
    const style = document.createElement("style")
    style.textContent = readFileSync(join(__dirname, "styles.css"), "utf8")
    document.head.append(style)
    const { render, clock } = harness({
      adapter: withOptions({
        ssoProviders: [
          { id: "gh", name: "GitHub", brand: "github" },
          { id: "ms", name: "Microsoft", brand: "microsoft" },
          { id: "g", name: "Google", brand: "google" },
          { id: "a", name: "Apple", brand: "apple" },
          { id: "gl", name: "GitLab", brand: "gitlab" },
          { id: "corp", name: "Example Corp" },
          { id: "g2", name: "Google Workspace", brand: "google", icon: "https://idp.test/g.png" },
        ],
      }),
    })
    render(<Standalone />)
    await act(() => clock.flush())
    const mark = (name: string) =>
      markOf(screen.getByRole("button", { name: `Continue with ${name}` }))

    // Google's four colours and Microsoft's squares, whatever the theme.
    expect(mark("Google")).toEqual({
      isMonochrome: false,
      paint: undefined,
      isDrawing: true,
      colours: ["#ea4335", "#fbbc05", "#34a853", "#4285f4"],
    })
    expect(mark("Microsoft")).toMatchObject({ isMonochrome: false, isDrawing: true })
    expect(mark("Microsoft")?.colours).toHaveLength(4)
    // GitHub's and Apple's marks in the button's own text colour: dark mode repaints them.
    for (const name of ["GitHub", "Apple"])
      expect(mark(name)).toEqual({
        isMonochrome: true,
        paint: "currentcolor",
        isDrawing: true,
        colours: [],
      })
    // No built-in mark, no mark; and the server's own icon wins over ours.
    expect(mark("GitLab")).toBeUndefined()
    expect(mark("Example Corp")).toBeUndefined()
    expect(mark("Google Workspace")).toBeUndefined()
  })
})
