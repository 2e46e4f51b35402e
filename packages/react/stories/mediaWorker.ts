import { createMatrixEmulator } from "@latchkey/emulators"
import { mswHandlers } from "@latchkey/emulators/msw"
import { type SetupWorker, setupWorker } from "msw/browser"
import { homeserver } from "./worlds"

/**
 * Every story's client reaches its emulator through the injected `fetch`; images are the one thing the browser
 * fetches itself. In the Storybook browser, a service worker answers the homeserver's media (an identity
 * provider's icon) from a Matrix emulator, so the stories need no network.
 */
export async function startMediaWorker(): Promise<SetupWorker> {
  const worker = setupWorker(...mswHandlers(createMatrixEmulator(), homeserver))
  await worker.start({ onUnhandledFrame: "bypass", quiet: true })
  return worker
}
