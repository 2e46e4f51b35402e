/// <reference types="vite/client" />
import {
  composeStories,
  type Meta,
  type StoryObj,
  setProjectAnnotations,
} from "@storybook/react-vite"
import { describe, it } from "vitest"
import preview from "./preview"

type StoriesModule = { default: Meta } & Record<string, StoryObj | Meta>

setProjectAnnotations(preview)

const modules = import.meta.glob<StoriesModule>("./*.stories.tsx", { eager: true })

for (const [path, module] of Object.entries(modules)) {
  describe(path.replace(/^\.\//, ""), () => {
    for (const [name, Story] of Object.entries(composeStories(module))) {
      for (const locale of ["en", "de"]) {
        it(`${name} (${locale})`, async () => {
          await Story.run({ globals: { ...Story.globals, locale } })
        })
      }
    }
  })
}
