import { type AuthAdapter, type AuthClient, createAuthClient } from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { filescomAdapter } from "@latchkey/core/filescom"
import { matrixAdapter } from "@latchkey/core/matrix"
import { type SftpgoAdapterOptions, sftpgoAdapter } from "@latchkey/core/sftpgo"
import {
  createFakeServer,
  createTestPlatform,
  type FakeCredentials,
  type FakeServer,
  type FakeServerOptions,
  fakeAdapter,
  type TestPlatform,
} from "@latchkey/core/testing"
import {
  type CloudreveEmulator,
  type CloudreveEmulatorOptions,
  createCloudreveEmulator,
  createFilescomEmulator,
  createMatrixEmulator,
  createSeededRandomBytes,
  createSftpgoEmulator,
  type FilescomEmulator,
  type FilescomEmulatorOptions,
  type MatrixEmulator,
  type MatrixEmulatorOptions,
  type SftpgoEmulator,
  type SftpgoEmulatorOptions,
} from "@latchkey/emulators"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { LatchkeyProvider } from "../src/LatchkeyProvider"
import type { Messages } from "../src/messages"
import { createStoryClock, type StoryClock } from "./storyClock"
import { createWire, type Wire } from "./wire"

/**
 * Everything one story runs on: a client whose `fetch` is a wire to a real server in memory (an emulator, or
 * the core's fake server for shapes no emulator has yet), on a clock the story controls.
 */
export interface World {
  readonly client: AuthClient
  readonly clock: StoryClock
  readonly platform: TestPlatform
  readonly wire: Wire
  readonly queryClient: QueryClient
  dispose(): void
}

/** The page every story's app pretends to be on: single sign-on comes back here. */
export const appUrl = "https://app.example/sign-in"

/** A world for one adapter and its server: a wire, a test platform on the story's clock, a client. */
export function buildWorld<Credentials>(
  server: (request: Request) => Promise<Response>,
  clock: StoryClock,
  adapter: AuthAdapter<Credentials>,
): World {
  const wire = createWire(server)
  const platform = createTestPlatform({ fetch: wire.fetch, clock, url: appUrl })
  const client = createAuthClient({ adapter, platform })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return {
    client,
    clock,
    platform,
    wire,
    queryClient,
    dispose() {
      clock.pause()
      client.dispose()
      queryClient.clear()
    },
  }
}

/** The providers a story's forms sit in, with the story's clock and the toolbar's language. */
export function WorldProviders({
  world,
  messages,
  children,
}: {
  world: World
  messages: Messages
  children?: ReactNode
}) {
  return (
    <QueryClientProvider client={world.queryClient}>
      <LatchkeyProvider client={world.client} clock={world.clock} messages={messages}>
        {children}
      </LatchkeyProvider>
    </QueryClientProvider>
  )
}

/** The homeserver the Matrix stories talk to (answered in memory by the emulator). */
export const homeserver = "https://matrix.example"

export interface MatrixWorld extends World {
  readonly emulator: MatrixEmulator
}

/**
 * A Matrix homeserver emulator behind the Matrix adapter. `asksForServer` leaves the homeserver out of the
 * adapter, so the form asks for it.
 */
export function matrixWorld(
  options: { asksForServer?: boolean; emulator?: MatrixEmulatorOptions } = {},
): MatrixWorld {
  const clock = createStoryClock()
  const emulator = createMatrixEmulator({
    clock,
    random: createSeededRandomBytes(7),
    ...options.emulator,
  })
  const adapter = matrixAdapter({ homeserver: options.asksForServer ? undefined : homeserver })
  return { ...buildWorld((request) => emulator.handle(request), clock, adapter), emulator }
}

/** The Cloudreve site the Cloudreve stories talk to (answered in memory by the emulator). */
export const cloudreveSite = "https://cloud.example"

export interface CloudreveWorld extends World {
  readonly emulator: CloudreveEmulator
  /** The answer of the image captcha on screen now. */
  captchaAnswer(): string
}

/** A Cloudreve v4 emulator behind the Cloudreve adapter. */
export function cloudreveWorld(options: CloudreveEmulatorOptions = {}): CloudreveWorld {
  const clock = createStoryClock()
  const emulator = createCloudreveEmulator({
    clock,
    random: createSeededRandomBytes(11),
    ...options,
  })
  // The wire reads each captcha ticket the server hands out, as a person reads the image.
  const tickets: string[] = []
  const server = async (request: Request) => {
    const response = await emulator.handle(request)
    if (new URL(request.url).pathname.endsWith("/site/captcha")) {
      const ticket = /"ticket":"([^"]+)"/.exec(await response.clone().text())?.[1]
      if (ticket) tickets.push(ticket)
    }
    return response
  }
  return {
    ...buildWorld(server, clock, cloudreveAdapter({ baseUrl: cloudreveSite })),
    emulator,
    captchaAnswer: () => emulator.captchaAnswer(tickets.at(-1) ?? "") ?? "",
  }
}

/** The Files.com site the Files.com stories talk to; `files.localhost` answers with a region mismatch. */
export const filescomSite = "https://acme.files.example"

export interface FilescomWorld extends World {
  readonly emulator: FilescomEmulator
  /** The code of the last text message sent to `username`, as their phone shows it. */
  textMessage(username: string): string
}

/**
 * A Files.com emulator behind the Files.com adapter; `site` points the adapter elsewhere (the host that answers with
 * a region mismatch), `sessionLifetimeMs` shortens its sessions on both sides.
 */
export function filescomWorld(
  options: { site?: string; sessionLifetimeMs?: number; emulator?: FilescomEmulatorOptions } = {},
): FilescomWorld {
  const clock = createStoryClock()
  const emulator = createFilescomEmulator({
    clock,
    random: createSeededRandomBytes(13),
    accessTokenTtlMs: options.sessionLifetimeMs,
    ...options.emulator,
  })
  const adapter = filescomAdapter({
    baseUrl: options.site ?? filescomSite,
    sessionLifetimeMs: options.sessionLifetimeMs,
  })
  return {
    ...buildWorld((request) => emulator.handle(request), clock, adapter),
    emulator,
    textMessage: (username) => emulator.smsCode(username) ?? "",
  }
}

/** The SFTPGo server the SFTPGo stories talk to (answered in memory by the emulator). */
export const sftpgoServer = "https://sftpgo.example"

export interface SftpgoWorld extends World {
  readonly emulator: SftpgoEmulator
}

/** An SFTPGo emulator behind the SFTPGo adapter: the user realm and the optional inline code unless told. */
export function sftpgoWorld(
  options: {
    emulator?: SftpgoEmulatorOptions
    adapter?: Omit<SftpgoAdapterOptions, "baseUrl">
  } = {},
): SftpgoWorld {
  const clock = createStoryClock()
  const emulator = createSftpgoEmulator({
    clock,
    random: createSeededRandomBytes(13),
    ...options.emulator,
  })
  const adapter = sftpgoAdapter({ baseUrl: sftpgoServer, ...options.adapter })
  return { ...buildWorld((request) => emulator.handle(request), clock, adapter), emulator }
}

export interface FakeWorld extends World {
  readonly server: FakeServer
}

/**
 * The core's fake server behind an adapter for a vendor shape no emulator has yet; `adapter` reshapes the fake
 * vendor's adapter (its options, its second factor) into that vendor's.
 */
export function fakeWorld(
  options: Omit<FakeServerOptions, "clock"> & {
    adapter?: (base: AuthAdapter<FakeCredentials>) => AuthAdapter<FakeCredentials>
    /** Extra endpoints the reshaped adapter calls, answered before the fake server. */
    extraRoutes?: (request: Request) => Promise<Response | undefined>
  } = {},
): FakeWorld {
  const clock = createStoryClock()
  const server = createFakeServer({ clock, ...options })
  const base = fakeAdapter({ secondFactor: options.secondFactor, canRefresh: options.canRefresh })
  const adapter = options.adapter ? options.adapter(base) : base
  const { extraRoutes } = options
  const answer = extraRoutes
    ? async (request: Request) => (await extraRoutes(request)) ?? server.fetch(request)
    : server.fetch
  return { ...buildWorld(answer, clock, adapter), server }
}
