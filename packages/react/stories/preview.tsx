import type { Decorator, Preview } from "@storybook/react-vite"

/** Paints the story on the chosen theme's page colour and marks its language, as an app around the forms would. */
const withThemeAndLanguage: Decorator = (Story, { globals }) => {
  const theme = globals.theme === "dark" ? "dark" : "light"
  return (
    <div
      data-theme={theme}
      lang={globals.locale === "de" ? "de" : "en"}
      style={{
        // A phone's margin at 320 px, a desktop's at full width: the forms get the room an app would give them.
        padding: "clamp(1rem, 5vw, 2rem)",
        minHeight: "100vh",
        boxSizing: "border-box",
        background: theme === "dark" ? "#0d1117" : "#f6f8fa",
        colorScheme: theme,
      }}
    >
      <Story />
    </div>
  )
}

/**
 * The project annotations of the Storybook: toolbar switches for the theme and the language, and the
 * accessibility checks. Shared by `.storybook/preview.tsx` and the test that runs every story.
 */
const preview: Preview = {
  globalTypes: {
    theme: {
      description: "Colour theme of the forms",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: "Language of the forms",
      toolbar: {
        title: "Language",
        icon: "globe",
        items: [
          { value: "en", title: "English" },
          { value: "de", title: "Deutsch" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light", locale: "en" },
  decorators: [withThemeAndLanguage],
  parameters: {
    layout: "fullscreen",
    // Every violation fails the story's accessibility check.
    a11y: { test: "error" },
    controls: { disable: true },
  },
}

export default preview
