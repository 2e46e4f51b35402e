import react from "@vitejs/plugin-react"
import { defaultClientConditions, defineConfig } from "vite"
import { demoEmulators } from "./demoEmulators"

export default defineConfig({
  resolve: { conditions: ["@latchkey/source", ...defaultClientConditions] },
  // Every emulator under `/emulators/<vendor>`, and the lifetimes control route, in dev and preview.
  plugins: [react(), demoEmulators()],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
})
