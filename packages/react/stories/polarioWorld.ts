import { polarioAdapter } from "@latchkey/core/polario"
import {
  alice,
  createPolarioEmulator,
  createSeededRandomBytes,
  type PolarioEmulator,
  type PolarioEmulatorOptions,
} from "@latchkey/emulators"
import { flowAt } from "./journeys"
import { createStoryClock } from "./storyClock"
import { appUrl, buildWorld, type World } from "./worlds"

/** The Polario API the stories talk to (answered in memory by the emulator), `/api` as on the real host. */
export const polarioApi = "https://polario.example/api"

export interface PolarioWorld extends World {
  readonly emulator: PolarioEmulator
  /** Lets a held key derivation finish (`holdsKeyDerivation`). */
  releaseKeyDerivation(): void
}

export interface PolarioWorldOptions {
  readonly emulator?: PolarioEmulatorOptions
  /**
   * Holds this device's PBKDF2 until `releaseKeyDerivation()`, as a real server's 600 000 iterations hold it for a
   * moment: the form's "checking your password" state, kept still.
   */
  readonly holdsKeyDerivation?: boolean
  /**
   * Something between the app and the server (or a server that does not hold the password's keys) lets the
   * sign-in through with a server signature that is not the real one.
   */
  readonly forgesServerSignature?: boolean
}

/** A Polario emulator behind the Polario adapter: SCRAM sign-in, JWT sessions, SAML2 single sign-on. */
export function polarioWorld(options: PolarioWorldOptions = {}): PolarioWorld {
  const clock = createStoryClock()
  const emulator = createPolarioEmulator({
    clock,
    random: createSeededRandomBytes(13),
    ...options.emulator,
  })
  const server = async (request: Request) => {
    const response = await emulator.handle(request)
    const isLogin = new URL(request.url).pathname.endsWith("/auth/login")
    return options.forgesServerSignature && isLogin && response.ok
      ? withForgedSignature(response)
      : response
  }
  const world = buildWorld(server, clock, polarioAdapter({ baseUrl: polarioApi }))
  let release = () => {}
  if (options.holdsKeyDerivation) {
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    world.platform.subtle = heldKeyDerivation(gate)
  }
  return { ...world, emulator, releaseKeyDerivation: () => release() }
}

/** WebCrypto whose PBKDF2 waits for `gate`; everything else answers at once. */
function heldKeyDerivation(gate: Promise<void>): SubtleCrypto {
  const subtle = globalThis.crypto.subtle
  return new Proxy(subtle, {
    get(target, property) {
      if (property === "deriveBits")
        return async (...args: Parameters<SubtleCrypto["deriveBits"]>) => {
          await gate
          return target.deriveBits(...args)
        }
      const value: unknown = Reflect.get(target, property)
      return typeof value === "function" ? value.bind(target) : value
    },
  })
}

/** The server's answer with one bit of its signature flipped: still base64 of the right length, not the proof. */
async function withForgedSignature(response: Response): Promise<Response> {
  const body = (await response.json()) as Record<string, unknown>
  const bytes = Uint8Array.from(atob(String(body.signature)), (char) => char.charCodeAt(0))
  bytes[0] = (bytes[0] ?? 0) ^ 1
  const signature = btoa(String.fromCharCode(...bytes))
  return new Response(JSON.stringify({ ...body, signature }), {
    status: response.status,
    headers: response.headers,
  })
}

export interface PolarioSsoReturnWorld extends PolarioWorld {
  /** Where the identity provider sent the browser back to, with its one-time code. */
  readonly callbackUrl: string
}

/**
 * Alice's SAML2 round trip through the Polario emulator's stand-in identity provider, up to the moment the
 * browser lands back on the app: the engine's pending marker stays in this tab's storage.
 */
export async function backFromPolarioIdentityProvider(): Promise<PolarioSsoReturnWorld> {
  const world = polarioWorld()
  await world.client.ready()
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.startSso("example-idp")
  flow.dispose()
  const redirect = world.platform.visited.at(-1) ?? ""
  // The browser tells the server the page it left: the code comes back to that origin's callback route.
  const toIdp = await world.emulator.handle(new Request(redirect, { headers: { Referer: appUrl } }))
  const idpPage = new URL(toIdp.headers.get("location") ?? "", redirect)
  const page = await (await world.emulator.handle(new Request(idpPage))).text()
  const relayState = /name="RelayState" value="([^"]+)"/.exec(page)?.[1] ?? ""
  const back = await world.emulator.handle(
    new Request(idpPage, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ RelayState: relayState, user: alice.email }).toString(),
    }),
  )
  const callbackUrl = back.headers.get("location")
  if (!callbackUrl) throw new Error("The identity provider did not send the browser back.")
  world.platform.url = callbackUrl
  return { ...world, callbackUrl }
}
