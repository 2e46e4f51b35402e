import { type ChildProcess, spawn } from "node:child_process"

/** How a command ended, with its stdout and stderr interleaved. */
export interface RunResult {
  /** `null` when it was killed (see `timedOut`). */
  readonly code: number | null
  readonly timedOut: boolean
  readonly output: string
}

/**
 * The environment a user's shell would give: without the `npm_*` variables the package manager running this
 * test sets, which would otherwise steer the consumer's npm (its registry, its lockfile settings).
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", FORCE_COLOR: "0" }
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "NODE_OPTIONS" && key !== "FORCE_COLOR") env[key] = value
  }
  return env
}

/**
 * Runs a command to its end, or kills it after `timeoutMs` (a process that does not exit by itself is a
 * failure worth seeing, not a hung test).
 * @example
 * const { code, output } = await run("npm", ["install"], { cwd: app.dir })
 */
export function run(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: userEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill("SIGKILL")
    }, options.timeoutMs ?? 120_000)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, timedOut, output })
    })
  })
}

/**
 * Resolves with what a long-running child printed once it prints `text`; rejects with what it printed when it exits
 * first.
 */
export function untilOutput(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ""
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(text)) resolve(output)
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.on("exit", (code) => reject(new Error(`${child.spawnfile} exited (${code}):\n${output}`)))
    child.on("error", reject)
  })
}
