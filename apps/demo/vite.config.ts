import { emulatorRegistry } from "@latchkey/emulators"
import { latchkeyEmulators } from "@latchkey/emulators/vite"
import react from "@vitejs/plugin-react"
import { defaultClientConditions, defineConfig } from "vite"

/** Every emulator, mounted into the dev and preview servers under `/emulators/<vendor>`. */
const mounts = Object.fromEntries(
  emulatorRegistry.map((entry) => [`/emulators/${entry.vendor}`, entry.create({})]),
)

export default defineConfig({
  resolve: { conditions: ["@latchkey/source", ...defaultClientConditions] },
  plugins: [react(), latchkeyEmulators({ mounts })],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
})
