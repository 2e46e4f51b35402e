// Every published subpath, used as an app or its tests would. Each misuse marked `@ts-expect-error` must stay an
// error (an unused one is an error too), so a declaration that degrades to `any` fails the type check.
import { AuthError, type AuthErrorCode, createAuthClient, isAuthError } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { filescomAdapter } from "@latchkey/core/filescom"
import { matrixAdapter } from "@latchkey/core/matrix"
import { polarioAdapter } from "@latchkey/core/polario"
import { saslprepPassword } from "@latchkey/core/scram"
import { sftpgoAdapter } from "@latchkey/core/sftpgo"
import { createManualClock, createTestPlatform, fakeAdapter } from "@latchkey/core/testing"
import { type DevtoolsClient, LatchkeyDevtools } from "@latchkey/devtools"
import { LatchkeyDevtoolsPanel, type LatchkeyDevtoolsProps } from "@latchkey/devtools/production"
import { alice, createMatrixEmulator, toFetch } from "@latchkey/emulators"
import { mswHandlers } from "@latchkey/emulators/msw"
import { serve } from "@latchkey/emulators/node"
import { latchkeyEmulators } from "@latchkey/emulators/vite"
import { englishMessages, type SignInProps, useAuthQueryOptions, useSession } from "@latchkey/react"
import { useQuery } from "@tanstack/react-query"
import { createElement, type ReactElement } from "react"

export const adapters = [
  cloudreveAdapter({ baseUrl: "https://cloud.example.org" }),
  filescomAdapter({ baseUrl: "https://acme.files.com" }),
  matrixAdapter({ homeserver: "matrix.org" }),
  polarioAdapter(),
  sftpgoAdapter({ baseUrl: "https://sftp.example.org", realm: "admin" }),
] as const

// @ts-expect-error Cloudreve's adapter needs the server's address.
cloudreveAdapter({})
// @ts-expect-error A homeserver is a name or an address, not a port.
matrixAdapter({ homeserver: 8008 })
// @ts-expect-error SFTPGo signs in users or admins, nobody else.
sftpgoAdapter({ baseUrl: "https://sftp.example.org", realm: "guest" })
// @ts-expect-error Polario's options are an object.
polarioAdapter("https://custom.polario.de/api")
// @ts-expect-error Files.com's adapter needs the site's address.
filescomAdapter({ sessionLifetimeMs: 1000 })

export const failure: AuthError = new AuthError("network", { vendor: "matrix" })
export const code: AuthErrorCode = failure.code
// @ts-expect-error An error code is one of the known codes.
export const wrongCode: AuthErrorCode = "oops"
export const isNetworkFailure = (error: unknown): boolean => isAuthError(error, "network")

/** A test's client: fake server, manual clock. */
export async function testClientStatus(): Promise<"signedOut" | "signedIn" | string> {
  const clock = createManualClock()
  const client = createAuthClient({
    adapter: fakeAdapter(),
    platform: createTestPlatform({ clock }),
  })
  await clock.advance(1_000)
  // @ts-expect-error advance takes milliseconds.
  await clock.advance("1s")
  return (await client.ready()).status
}

export const prepared: Promise<string> = saslprepPassword("I\u00ADX")
// @ts-expect-error A password is a string.
saslprepPassword(42)

export const useStatus = (): string => useSession((snapshot) => snapshot.status)
// @ts-expect-error The status is one of a few literals.
export const useWrongStatus = (): "nonsense" => useSession((snapshot) => snapshot.status)
export const signInProps: SignInProps = { messages: englishMessages }
// @ts-expect-error Messages are a catalogue, not a language name.
export const wrongProps: SignInProps = { messages: "de" }

/** An authenticated query: its data has the request's own type. */
export function useFileCount(): number {
  const files = useQuery(
    useAuthQueryOptions(["files"], async (authFetch, { signal }) => {
      const response = await authFetch("/api/files", { signal })
      return (await response.json()) as string[]
    }),
  )
  // @ts-expect-error The data is a list of names, not a number.
  files.data satisfies number | undefined
  return files.data?.length ?? 0
}

/** The emulators as a test's fetch, a loopback server, Vite middleware and MSW handlers. */
export async function mountEmulators(): Promise<string> {
  const emulator = createMatrixEmulator()
  const fetchMatrix: typeof fetch = toFetch(emulator)
  await fetchMatrix(`/_matrix/client/v3/login?user=${alice.username}`)
  const plugin = latchkeyEmulators({ mounts: { "/emulators/matrix": emulator } })
  const handlers = mswHandlers(emulator, "http://localhost:8008")
  const server = await serve(emulator, { port: 0, corsOrigins: ["http://localhost:5173"] })
  // @ts-expect-error A port is a number.
  await serve(emulator, { port: "8008" })
  await server.close()
  return `${plugin.name} ${handlers.length} ${server.url}`
}

/** The devtools, from the entry left out of production builds and from the one that always renders. */
export function devtools(client: DevtoolsClient): ReactElement[] {
  const props: LatchkeyDevtoolsProps = {
    clients: [client],
    initialIsOpen: true,
    position: "top-left",
  }
  // @ts-expect-error The devtools sit in a corner of the window.
  const misplaced: LatchkeyDevtoolsProps = { position: "middle" }
  return [
    createElement(LatchkeyDevtools, { ...props, ...misplaced }),
    createElement(LatchkeyDevtoolsPanel, { clients: [client], theme: "dark" }),
  ]
}
