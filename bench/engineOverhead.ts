import { benchClient, benchServer } from "./benchClient"
import { signInWithPassword } from "./flowRequests"
import type { VendorScenario } from "./scenarios"
import { median } from "./timing"

/** Time per complete password sign-in (discovery included), and how much of it was the emulator's. */
export interface EngineOverhead {
  readonly vendor: string
  readonly signIns: number
  readonly wallMs: number
  readonly emulatorMs: number
  /** Wall time minus the emulator's: the engine, the adapter (and its crypto) and the platform's plumbing. */
  readonly engineMs: number
}

/**
 * Signs Alice in `signIns` times on one client against a zero-latency in-process emulator (signing out in
 * between, untimed) after a warm-up, and returns the medians.
 * @example
 * const { engineMs } = await engineOverhead(scenarioOf("sftpgo"), 200)
 */
export async function engineOverhead(
  scenario: VendorScenario,
  signIns: number,
): Promise<EngineOverhead> {
  const server = benchServer(scenario)
  const { client } = benchClient(server)
  const walls: number[] = []
  const emulators: number[] = []
  const engines: number[] = []
  for (let run = -Math.ceil(signIns / 4); run < signIns; run++) {
    const emulatorBefore = server.door.emulatorMs()
    const startedAt = performance.now()
    await signInWithPassword(client, scenario.password)
    const wall = performance.now() - startedAt
    const emulator = server.door.emulatorMs() - emulatorBefore
    await client.signOut()
    // Negative runs warm the JIT up and are not kept.
    if (run < 0) continue
    walls.push(wall)
    emulators.push(emulator)
    engines.push(wall - emulator)
  }
  client.dispose()
  return {
    vendor: scenario.vendor,
    signIns,
    wallMs: median(walls),
    emulatorMs: median(emulators),
    engineMs: median(engines),
  }
}
