// Plain Node ESM, as a server would use the packages: every subpath of every package imports, <SignIn> renders
// on the server, and the process then exits on its own (nothing here calls dispose() or process.exit()).
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { createAuthClient } from "@latchkey/core"
import { matrixAdapter } from "@latchkey/core/matrix"
import { saslprepPassword } from "@latchkey/core/scram"
import { LatchkeyDevtools } from "@latchkey/devtools"
import { LatchkeyDevtoolsPanel } from "@latchkey/devtools/production"
import { LatchkeyProvider, SignIn } from "@latchkey/react"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { createElement } from "react"
import { renderToString } from "react-dom/server"

for (const name of [
  "@latchkey/core",
  "@latchkey/react",
  "@latchkey/emulators",
  "@latchkey/devtools",
]) {
  const manifest = JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve(`${name}/package.json`))),
  )
  for (const subpath of Object.keys(manifest.exports)) {
    const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`
    if (/\.(css|json)$/.test(subpath)) {
      if (!existsSync(fileURLToPath(import.meta.resolve(specifier)))) {
        throw new Error(`${specifier} names no file`)
      }
      console.log(`file ${specifier}`)
      continue
    }
    const exported = Object.keys(await import(specifier))
    if (exported.length === 0) throw new Error(`${specifier} exports nothing`)
    console.log(`import ${specifier}: ${exported.length} exports`)
  }
}

// The SCRAM profile loads its dependency on first use, from a chunk of its own.
console.log(`saslprep ${JSON.stringify(await saslprepPassword("I\u00ADX"))}`)

const client = createAuthClient({ adapter: matrixAdapter({ homeserver: "http://127.0.0.1:8008" }) })
const html = renderToString(
  createElement(
    QueryClientProvider,
    { client: new QueryClient() },
    createElement(LatchkeyProvider, { client }, createElement(SignIn)),
  ),
)
console.log(`rendered ${html}`)

// Outside development the default entry renders nothing; /production renders the panel.
console.log(
  `devtools: ${JSON.stringify(renderToString(createElement(LatchkeyDevtools, { client })))}`,
)
console.log(`panel ${renderToString(createElement(LatchkeyDevtoolsPanel, { client }))}`)
