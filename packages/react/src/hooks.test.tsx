import { createAuthClient } from "@latchkey/core"
import { createTestPlatform, fakeAdapter } from "@latchkey/core/testing"
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query"
import { act, render, renderHook, screen, waitFor } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { Profiler, type ReactNode } from "react"
import { describe, expect, it } from "vitest"
import { LatchkeyProvider } from "./LatchkeyProvider"
import { SignIn } from "./SignIn"
import { alicePassword, harness } from "./test/harness"
import { useAuthQueryOptions } from "./useAuthQueryOptions"
import { useSession } from "./useSession"
import { useSignIn } from "./useSignIn"
import { useSignOut } from "./useSignOut"

async function signInAlice(setup: ReturnType<typeof harness>) {
  await setup.client.ready()
  const flow = setup.client.signIn()
  await waitFor(() => expect(flow.getSnapshot().step).toBe("start"))
  await flow.submit({ identifier: "alice", password: alicePassword })
  expect(setup.client.getSnapshot().status).toBe("signedIn")
}

function Name() {
  const name = useSession((s) => ({ name: s.session?.user.displayName }))
  return <p>{name.name ?? "nobody"}</p>
}

function Whole() {
  const snapshot = useSession()
  return <p>{snapshot.isRefreshing ? "refreshing" : snapshot.status}</p>
}

function Me({ seen }: { seen: string[] }) {
  const me = useQuery(
    useAuthQueryOptions(["me"], async (authFetch, { signal }) => {
      const response = await authFetch("https://fake.test/me", { signal })
      seen.push(response.status === 200 ? "ok" : String(response.status))
      const body: unknown = await response.json()
      return body
    }),
  )
  const signOut = useSignOut()
  return (
    <>
      <p>{me.data ? JSON.stringify(me.data) : "no data"}</p>
      <button type="button" onClick={() => signOut.mutate({ everywhere: true })}>
        Sign out everywhere
      </button>
    </>
  )
}

describe("LatchkeyProvider", () => {
  it("says clearly when the QueryClientProvider is missing", () => {
    const client = createAuthClient({ adapter: fakeAdapter(), platform: createTestPlatform() })
    expect(() => render(<LatchkeyProvider client={client} />)).toThrow(
      /needs a QueryClientProvider above it/,
    )
  })

  it("says clearly when a hook is used outside it", () => {
    const queryClient = new QueryClient()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    )
    expect(() => renderHook(() => useSession(), { wrapper })).toThrow(
      /useSession must be used inside <LatchkeyProvider/,
    )
  })
})

describe("useSession", () => {
  it("follows the client through the query cache", async () => {
    const setup = harness({ secondFactor: "none" })
    const { result } = renderHook(() => useSession(), { wrapper: setup.wrapper })
    await waitFor(() => expect(result.current.status).toBe("signedOut"))
    await act(() => signInAlice(setup))
    expect(result.current.status).toBe("signedIn")
    expect(result.current.session?.user.id).toBe("alice")
    expect(setup.queryClient.getQueryData(["latchkey", "fake", "session"])).toMatchObject({
      status: "signedIn",
    })
  })

  it("re-renders a selecting component only when its selection changes", async () => {
    const setup = harness({ secondFactor: "none" })
    const renders = { name: 0, whole: 0 }
    setup.render(
      <>
        <Profiler id="name" onRender={() => renders.name++}>
          <Name />
        </Profiler>
        <Profiler id="whole" onRender={() => renders.whole++}>
          <Whole />
        </Profiler>
      </>,
    )
    await act(() => signInAlice(setup))
    expect(screen.getByText("Alice Liddell")).toBeInTheDocument()
    const before = { ...renders }
    const token = setup.client.getSnapshot().session?.credentials

    await act(async () => {
      await setup.client.refresh()
    })
    expect(setup.client.getSnapshot().session?.credentials).not.toEqual(token)
    expect(renders.whole).toBeGreaterThan(before.whole)
    expect(renders.name).toBe(before.name)
  })
})

describe("useSignIn", () => {
  it("discovers once under StrictMode", async () => {
    const setup = harness({ strict: true })
    const { result } = renderHook(() => useSignIn(), { wrapper: setup.wrapper })
    await waitFor(() => expect(result.current.snapshot.step).toBe("start"))
    expect(setup.server.count("/options")).toBe(1)
  })

  it("ends the flow on unmount, cancelling its request, but not on StrictMode's remount", async () => {
    const setup = harness({ strict: true })
    setup.server.hold("/options")
    const { result, unmount } = renderHook(() => useSignIn(), { wrapper: setup.wrapper })
    await waitFor(() => expect(setup.server.count("/options")).toBe(1))
    const discovery = setup.sent.find((request) => request.url.endsWith("/options"))
    // StrictMode's unmount-and-remount has passed: the flow it kept is still discovering.
    await act(() => setup.clock.advance(0))
    expect(result.current.snapshot.step).toBe("discovering")
    expect(discovery?.signal.aborted).toBe(false)

    unmount()
    await act(() => setup.clock.advance(0))
    expect(discovery?.signal.aborted).toBe(true)
  })

  it("rejects commands before the flow exists with invalid_step", async () => {
    const setup = harness()
    const { result } = renderHook(() => useSignIn(), { wrapper: setup.wrapper })
    await expect(result.current.submitCode("123456")).rejects.toMatchObject({
      code: "invalid_step",
    })
  })

  it("signs in with a login token made on another device", async () => {
    const setup = harness({
      secondFactor: "none",
      adapter: (base) => ({
        ...base,
        capabilities: { ...base.capabilities, loginToken: true },
        // The fake server has no login tokens: this one stands for Alice's.
        signInWithLoginToken: (ctx, { token }) =>
          base.signIn(ctx, {
            identifier: token === "alices-token" ? "alice" : "",
            password: alicePassword,
          }),
      }),
    })
    const { result } = renderHook(() => useSignIn(), { wrapper: setup.wrapper })
    await waitFor(() => expect(result.current.snapshot.step).toBe("start"))
    await act(() => result.current.submitLoginToken("alices-token"))
    expect(setup.client.getSnapshot().session?.user.id).toBe("alice")
  })

  it("signs in once from the drop-in under StrictMode", async () => {
    const user = userEvent.setup()
    const setup = harness({ strict: true, secondFactor: "none" })
    setup.render(<SignIn />)
    await user.type(await screen.findByLabelText("User name"), "alice")
    await user.type(screen.getByLabelText("Password"), alicePassword)
    await user.keyboard("{Enter}")
    await screen.findByRole("heading", { name: "You are signed in." })
    expect(setup.server.count("/options")).toBe(1)
    expect(setup.server.count("/login")).toBe(1)
  })
})

describe("useSignOut and useAuthQueryOptions", () => {
  it("scope queries to the user, run them only while signed in, and forget them on sign-out", async () => {
    const setup = harness({ secondFactor: "none" })
    const seen: string[] = []
    setup.render(<Me seen={seen} />)
    await act(() => setup.client.ready())
    expect(screen.getByText("no data")).toBeInTheDocument()
    expect(setup.server.count("/me")).toBe(0)

    await act(() => signInAlice(setup))
    expect(await screen.findByText('{"id":"alice"}')).toBeInTheDocument()
    expect(seen).toEqual(["ok"])
    expect(setup.queryClient.getQueryData(["latchkey", "fake", "user", "alice", "me"])).toEqual({
      id: "alice",
    })

    await userEvent.setup().click(screen.getByRole("button", { name: "Sign out everywhere" }))
    await waitFor(() => expect(setup.client.getSnapshot().status).toBe("signedOut"))
    await waitFor(() =>
      expect(
        setup.queryClient.getQueryData(["latchkey", "fake", "user", "alice", "me"]),
      ).toBeUndefined(),
    )
    expect(setup.server.count("/logout")).toBe(1)
  })
})
