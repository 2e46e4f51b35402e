/// <reference types="vite/client" />
import {
  composeStories,
  type Meta,
  type StoryObj,
  setProjectAnnotations,
} from "@storybook/react-vite"
import { describe, expect, it } from "vitest"
import { axeViolations } from "../src/test/axe"
import preview from "./preview"

type StoriesModule = { default: Meta } & Record<string, StoryObj | Meta>

setProjectAnnotations(preview)

const modules = import.meta.glob<StoriesModule>("./*.stories.tsx", { eager: true })

// Every story's play function, in both languages of the toolbar; each story's end state is checked with axe once.
for (const [path, module] of Object.entries(modules)) {
  describe(path.replace(/^\.\//, ""), () => {
    for (const [name, Story] of Object.entries(composeStories(module))) {
      it(`${name} (English)`, async () => {
        await Story.run({ globals: { ...Story.globals, locale: "en" } })
        expect(await axeViolations(document.body)).toEqual([])
      })
      it(`${name} (German)`, async () => {
        await Story.run({ globals: { ...Story.globals, locale: "de" } })
      })
    }
  })
}
