import { builtinEnvironments } from "vitest/runtime"
import { appUrl } from "./scenarios"

/**
 * Gives this Node process the same jsdom window vitest's `jsdom` environment gives a test, with React's act
 * environment on; returns its teardown. Call it before anything imports `react-dom`.
 */
export async function installDom(): Promise<() => Promise<void>> {
  const environment = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: appUrl } })
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })
  return async () => {
    await environment.teardown(globalThis)
  }
}
