/** Token lifetimes of the built-in emulators, as the demo's control route reports them. */
export interface EmulatorLifetimes {
  /** `null`: each vendor's own default. */
  readonly accessTokenTtlMs: number | null
  /** Matrix only: without refresh tokens a session asks for the password again before it expires. */
  readonly issuesRefreshTokens: boolean
  /** Polario only: the SCRAM iteration count of every account. */
  readonly scramIterations: number
}

/** The dev and preview servers' control route (`demoEmulators.ts`). */
const controlUrl = "/emulators/_control/lifetimes"

function parse(value: unknown): EmulatorLifetimes {
  if (typeof value === "object" && value !== null) {
    const { accessTokenTtlMs, issuesRefreshTokens, scramIterations } = value as Record<
      string,
      unknown
    >
    if (
      (accessTokenTtlMs === null || typeof accessTokenTtlMs === "number") &&
      typeof issuesRefreshTokens === "boolean" &&
      typeof scramIterations === "number"
    )
      return { accessTokenTtlMs, issuesRefreshTokens, scramIterations }
  }
  throw new Error("The emulators' control route answered something unexpected.")
}

async function answer(response: Response): Promise<EmulatorLifetimes> {
  if (!response.ok) throw new Error(`The emulators' control route answered ${response.status}.`)
  return parse(await response.json())
}

/** Reads the current lifetimes; fails where the demo is served without its emulators. */
export async function fetchLifetimes(): Promise<EmulatorLifetimes> {
  return answer(await fetch(controlUrl, { cache: "no-store" }))
}

/** Re-creates every emulator with these lifetimes: their old tokens are gone. */
export async function changeLifetimes(lifetimes: EmulatorLifetimes): Promise<EmulatorLifetimes> {
  return answer(
    await fetch(controlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(lifetimes),
    }),
  )
}
