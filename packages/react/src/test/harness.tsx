import {
  type AuthAdapter,
  type AuthClient,
  createAuthClient,
  type SignInInput,
  type SignInOptions,
} from "@latchkey/core"
import {
  createFakeServer,
  createManualClock,
  createTestPlatform,
  type FakeCredentials,
  type FakeSecondFactor,
  fakeAdapter,
} from "@latchkey/core/testing"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { type RenderResult, render } from "@testing-library/react"
import { type ReactNode, StrictMode } from "react"
import { LatchkeyProvider } from "../LatchkeyProvider"
import type { Messages } from "../messages"

export interface HarnessOptions {
  secondFactor?: FakeSecondFactor
  canRefresh?: boolean
  hasCaptcha?: boolean
  accessTtlMs?: number | null
  /** Changes the fake adapter (discovered options, sign-in) for vendor shapes the fake lacks. */
  adapter?: (base: AuthAdapter<FakeCredentials>) => AuthAdapter<FakeCredentials>
  strict?: boolean
  messages?: Messages
  url?: string
}

/** A client on the fake vendor, a query client, and a wrapper with both providers, on a manual clock. */
export function harness(options: HarnessOptions = {}) {
  const clock = createManualClock()
  const server = createFakeServer({
    clock,
    secondFactor: options.secondFactor ?? "challenge",
    canRefresh: options.canRefresh ?? true,
    hasCaptcha: options.hasCaptcha ?? false,
    accessTtlMs: options.accessTtlMs,
  })
  // Every request as the client sent it, its abort signal included.
  const sent: Request[] = []
  const platform = createTestPlatform({
    fetch: (request) => {
      sent.push(request)
      return server.fetch(request)
    },
    clock,
    url: options.url ?? "https://app.test/sign-in",
  })
  const base = fakeAdapter({
    secondFactor: options.secondFactor ?? "challenge",
    canRefresh: options.canRefresh ?? true,
  })
  const adapter = options.adapter ? options.adapter(base) : base
  const client: AuthClient<FakeCredentials> = createAuthClient({ adapter, platform })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children?: ReactNode }) => {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <LatchkeyProvider client={client} messages={options.messages}>
          {children}
        </LatchkeyProvider>
      </QueryClientProvider>
    )
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return {
    clock,
    server,
    sent,
    platform,
    client,
    queryClient,
    wrapper,
    render: (ui: ReactNode): RenderResult => render(ui, { wrapper }),
  }
}

/** The fake adapter with other discovered options. */
export function withOptions(
  options: Partial<SignInOptions>,
): (base: AuthAdapter<FakeCredentials>) => AuthAdapter<FakeCredentials> {
  return (base) => ({
    ...base,
    async discover(ctx, request) {
      const discovered = await base.discover(ctx, request)
      return { ...discovered, ...options, server: request.server ?? options.server }
    },
  })
}

/** The fake adapter recording every sign-in input it is given. */
export function recordingInputs(
  inputs: SignInInput[],
  inner: (base: AuthAdapter<FakeCredentials>) => AuthAdapter<FakeCredentials> = (base) => base,
): (base: AuthAdapter<FakeCredentials>) => AuthAdapter<FakeCredentials> {
  return (base) => {
    const adapter = inner(base)
    return {
      ...adapter,
      signIn(ctx, input, previous) {
        inputs.push(input)
        return adapter.signIn(ctx, input, previous)
      },
    }
  }
}

export const alicePassword = "correct horse battery staple"
export const bobPassword = "hunter2 hunter2"
