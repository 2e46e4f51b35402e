import type { Preview } from "@storybook/react-vite"
import { mswLoader } from "msw-storybook-addon/csf3"
import "../packages/react/src/styles.css"
import { startMediaWorker } from "../packages/react/stories/mediaWorker"
import shared from "../packages/react/stories/preview"

// The service worker starts in the browser only: the stories' test runs in jsdom, where images are not fetched.
const preview: Preview = { ...shared, loaders: [mswLoader(startMediaWorker)] }

export default preview
