import type { Preview } from "@storybook/react-vite"
import "../packages/react/src/styles.css"
import shared from "../packages/react/src/stories/preview"

const preview: Preview = { ...shared }

export default preview
