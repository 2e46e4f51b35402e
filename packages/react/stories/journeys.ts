import type { SignInFlow, SignInFlowSnapshot } from "@latchkey/core"
import { alice, bob, generateTotp, visitStandInIdp } from "@latchkey/emulators"
import { userEvent } from "storybook/test"
import type { Messages } from "../src/messages"
import type { Scene } from "./scene"
import {
  homeserver,
  type MatrixWorld,
  matrixWorld,
  type SftpgoWorld,
  sftpgoWorld,
  type World,
} from "./worlds"

/** Types an identifier and a password into the form on screen and submits it with the Enter key. */
export async function typeAndSubmit(
  { canvas, text }: Scene<World>,
  identifier: { label: (text: Messages) => string; value: string },
  password: string,
): Promise<void> {
  await userEvent.type(await canvas.findByLabelText(identifier.label(text)), identifier.value)
  await userEvent.type(canvas.getByLabelText(text.passwordLabel), password)
  await userEvent.keyboard("{Enter}")
}

export const email = (value: string) => ({
  label: (text: Messages) => text.identifierLabel.email,
  value,
})
export const matrixId = (value: string) => ({
  label: (text: Messages) => text.identifierLabel.matrixId,
  value,
})
export const userName = (value: string) => ({
  label: (text: Messages) => text.identifierLabel.username,
  value,
})

/** Resolves once the flow reaches `step`. */
export function flowAt(flow: SignInFlow, step: SignInFlowSnapshot["step"]): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (flow.getSnapshot().step !== step) return
      unsubscribe()
      resolve()
    }
    const unsubscribe = flow.subscribe(check)
    check()
  })
}

/** Alice signed in to the Matrix emulator, then soft-logged-out by the server: her device stays. */
export async function softLoggedOutAlice(): Promise<MatrixWorld> {
  const world = matrixWorld()
  await world.client.ready()
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.submit({ identifier: alice.matrixUserId, password: alice.password })
  flow.dispose()
  world.emulator.softLogout(alice.matrixUserId)
  await world.client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`).catch(() => undefined)
  if (world.client.getSnapshot().status !== "reauthRequired")
    throw new Error("The soft logout did not ask for re-authentication.")
  return world
}

export interface SsoReturnWorld extends MatrixWorld {
  /** Where the identity provider sent the browser back to, with the login token and the engine's state. */
  readonly callbackUrl: string
}

/**
 * Alice's single sign-on round trip through the Matrix emulator's stand-in identity provider, up to the
 * moment the browser lands back on the app: what a browser would do between leaving and coming back.
 */
export async function backFromIdentityProvider(): Promise<SsoReturnWorld> {
  const world = matrixWorld()
  await world.client.ready()
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.startSso("oidc-github")
  flow.dispose()
  const callbackUrl = await visitStandInIdp(
    world.emulator,
    world.platform.visited.at(-1) ?? "",
    alice.username,
  )
  world.platform.url = callbackUrl
  return { ...world, callbackUrl }
}

/** Bob's TOTP code at the world's time, as his authenticator app shows it. */
export function bobsCode(world: World): string {
  return generateTotp(bob.totpSecret ?? "", world.clock.now())
}

/** How long the SFTPGo emulator's tokens live by default. */
export const sftpgoTokenLifetimeMs = 20 * 60 * 1000

/**
 * Bob signed in to the SFTPGo emulator with his password and code, then the time ran on to the last minute before his
 * token expires: no refresh, so the client asks for the password (and a code) again, before any call fails.
 */
export async function bobAskedAgain(): Promise<SftpgoWorld> {
  const world = sftpgoWorld()
  await world.client.ready()
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.submit({ identifier: bob.username, password: bob.password, code: bobsCode(world) })
  flow.dispose()
  await world.clock.advance(sftpgoTokenLifetimeMs - 60_000)
  if (world.client.getSnapshot().status !== "reauthRequired")
    throw new Error("The ending session did not ask for re-authentication.")
  return world
}
