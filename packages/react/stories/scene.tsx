import type { StoryContext, StoryObj } from "@storybook/react-vite"
import type { ReactElement } from "react"
import { within } from "storybook/test"
import { englishMessages, germanMessages, type Messages } from "../src/messages"
import { SignIn } from "../src/SignIn"
import { type World, WorldProviders } from "./worlds"

/** The texts of the language chosen in the toolbar (`locale` global). */
export function messagesOf(globals: StoryContext["globals"]): Messages {
  return globals.locale === "de" ? germanMessages : englishMessages
}

/** What a scene's play function works with. */
export interface Scene<W extends World> {
  readonly world: W
  /** Queries scoped to the story. */
  readonly canvas: ReturnType<typeof within>
  readonly canvasElement: HTMLElement
  /** The texts on screen, in the toolbar's language: assertions read them, so a story passes in either. */
  readonly text: Messages
  readonly step: StoryContext["step"]
}

export interface SceneDefinition<W extends World> {
  /** Builds the story's world (and may bring it to a starting point: signed in, soft-logged-out) before it renders. */
  world: () => W | Promise<W>
  /** What renders inside the providers; the drop-in `<SignIn />` by default. */
  render?: ((world: W) => ReactElement) | undefined
  /** Drives the state with the keyboard and mouse, and checks what a user sees. */
  play: (scene: Scene<W>) => Promise<void>
  /** Leaves the time stopped after the play, for a state that time would end (a held request times out). */
  keepsTimeStill?: boolean | undefined
}

/**
 * A story over a world of its own: the world is built before the story renders, the play function drives it with
 * time stopped (exact assertions), and time runs with the wall clock afterwards (live countdowns for a viewer).
 * Give it a `name` beside it (`{ name: "…", ...scene({…}) }`): Storybook's index reads names from object literals only.
 */
export function scene<W extends World>(definition: SceneDefinition<W>): StoryObj {
  // Keyed by the story's canvas: a docs page renders several stories at once, each with its own world.
  const worlds = new WeakMap<HTMLElement, W>()
  const worldOf = (canvasElement: HTMLElement): W => {
    const world = worlds.get(canvasElement)
    if (!world) throw new Error("The story's world was not built: its beforeEach did not run.")
    return world
  }
  const render = definition.render ?? (() => <SignIn />)
  return {
    async beforeEach({ canvasElement }) {
      const world = await definition.world()
      worlds.set(canvasElement, world)
      return () => {
        if (worlds.get(canvasElement) === world) worlds.delete(canvasElement)
        world.dispose()
      }
    },
    render: (_args, { canvasElement, globals }) => {
      const world = worldOf(canvasElement)
      return (
        <WorldProviders world={world} messages={messagesOf(globals)}>
          {render(world)}
        </WorldProviders>
      )
    },
    async play({ canvasElement, globals, step }) {
      const world = worldOf(canvasElement)
      await definition.play({
        world,
        canvas: within(canvasElement),
        canvasElement,
        text: messagesOf(globals),
        step,
      })
      if (!definition.keepsTimeStill) world.clock.resume()
    },
  }
}
