import { parseArgs } from "node:util"
import { type ServedEmulators, serve } from "./mounts/serve"
import { demoPeople } from "./people"
import { emulatorRegistry, type RegisteredEmulator, type VendorId } from "./registry"

/** Where the CLI writes; injected so tests can read it. */
export interface CliOutput {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/** What the CLI was asked to do. */
export type CliCommand =
  | { readonly type: "help" }
  | { readonly type: "error"; readonly message: string }
  | {
      readonly type: "serve"
      readonly host: string
      readonly corsOrigins: readonly string[]
      readonly only: readonly string[] | undefined
      /** Ports asked for by vendor, instead of the fixed ones; 0 picks a free port. */
      readonly ports: Readonly<Record<string, number>>
      readonly accessTokenTtlMs: number | undefined
      readonly refreshTokenTtlMs: number | undefined
    }

/** The outcome of a CLI run: an exit code, or servers that keep running until closed. */
export type CliOutcome =
  | { readonly type: "exit"; readonly code: number }
  | {
      readonly type: "serving"
      readonly servers: readonly (ServedEmulators & { readonly vendor: VendorId })[]
      close(): Promise<void>
    }

/** Origins of the demo app's dev server, allowed to call the emulators by default. */
export const defaultCorsOrigins: readonly string[] = [
  "http://localhost:5173",
  "http://127.0.0.1:5173",
]

/** The CLI's usage text. */
export const cliHelp = `Usage: latchkey-emulators [options]

Serves every Latchkey vendor emulator on its fixed loopback port.

Options:
  --only <vendor,…>         serve only these vendors (matrix, cloudreve, sftpgo, filescom, polario)
  --port <vendor>=<port>    serve a vendor on another port (0 picks a free one; the URL is printed); repeatable
  --access-ttl <seconds>    access token lifetime
  --refresh-ttl <seconds>   refresh token lifetime
  --host <host>             address to listen on (default 127.0.0.1)
  --cors-origin <origin>    browser origin allowed to call the emulators; repeatable
                            (default ${defaultCorsOrigins.join(" and ")})
  -h, --help                show this help`

/**
 * Parses the CLI's arguments without side effects.
 *
 * @example
 * parseCliArgs(["--only", "matrix", "--access-ttl", "60"])
 */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values: ReturnType<typeof parse>["values"]
  try {
    values = parse(args[0] === "--" ? args.slice(1) : args).values
  } catch (error) {
    return { type: "error", message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help === true) return { type: "help" }
  const accessTtl = seconds("--access-ttl", values["access-ttl"])
  if (accessTtl.type === "error") return accessTtl
  const refreshTtl = seconds("--refresh-ttl", values["refresh-ttl"])
  if (refreshTtl.type === "error") return refreshTtl
  const ports = vendorPorts(values.port ?? [])
  if (ports.type === "error") return ports
  const only = values.only
    ?.split(",")
    .map((vendor) => vendor.trim())
    .filter((vendor) => vendor !== "")
  return {
    type: "serve",
    host: values.host ?? "127.0.0.1",
    corsOrigins: values["cors-origin"] ?? defaultCorsOrigins,
    only,
    ports: ports.ports,
    accessTokenTtlMs: accessTtl.ms,
    refreshTokenTtlMs: refreshTtl.ms,
  }
}

/**
 * Runs the CLI: prints help, or starts the registered emulators and describes them.
 *
 * @example
 * const outcome = await runEmulatorCli(process.argv.slice(2), { out: console.log, err: console.error })
 */
export async function runEmulatorCli(
  args: readonly string[],
  output: CliOutput,
  registry: readonly RegisteredEmulator[] = emulatorRegistry,
): Promise<CliOutcome> {
  const command = parseCliArgs(args)
  switch (command.type) {
    case "help":
      output.out(cliHelp)
      return { type: "exit", code: 0 }
    case "error":
      output.err(`${command.message}\n\n${cliHelp}`)
      return { type: "exit", code: 2 }
    case "serve":
      return start(command, output, registry)
    default:
      return command satisfies never
  }
}

async function start(
  command: Extract<CliCommand, { type: "serve" }>,
  output: CliOutput,
  registry: readonly RegisteredEmulator[],
): Promise<CliOutcome> {
  const named = [...(command.only ?? []), ...Object.keys(command.ports)]
  const unknown = [...new Set(named)].filter((name) => !registry.some((e) => e.vendor === name))
  if (unknown.length > 0) {
    const known = registry.map((entry) => entry.vendor).join(", ") || "none yet"
    output.err(`No emulator for ${unknown.join(", ")}. Available: ${known}.`)
    return { type: "exit", code: 2 }
  }
  const selected = registry.filter(
    (entry) => command.only === undefined || command.only.includes(entry.vendor),
  )
  if (selected.length === 0) {
    output.out("No vendor emulators exist yet: nothing to serve.")
    return { type: "exit", code: 0 }
  }

  const servers: (ServedEmulators & { readonly vendor: VendorId })[] = []
  const closeAll = () => Promise.all(servers.map((server) => server.close())).then(() => undefined)
  for (const entry of selected) {
    const emulator = entry.create({
      accessTokenTtlMs: command.accessTokenTtlMs,
      refreshTokenTtlMs: command.refreshTokenTtlMs,
    })
    const port = command.ports[entry.vendor] ?? entry.port
    try {
      const served = await serve(emulator, {
        port,
        host: command.host,
        corsOrigins: command.corsOrigins,
      })
      servers.push({ ...served, vendor: entry.vendor })
      output.out(`${entry.vendor.padEnd(10)} ${served.url}${emulator.basePath}`)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      output.err(
        `Could not serve ${entry.vendor} on port ${port}: ${reason}. Another port: --port ${entry.vendor}=<port>.`,
      )
      await closeAll()
      return { type: "exit", code: 1 }
    }
  }
  output.out("")
  output.out(peopleTable())
  output.out("")
  output.out(`Browser origins allowed: ${command.corsOrigins.join(", ") || "none"}`)
  output.out("Press Ctrl+C to stop.")
  return { type: "serving", servers, close: closeAll }
}

function peopleTable(): string {
  const rows = [
    ["user", "e-mail", "Matrix id", "password", "TOTP secret"],
    ...demoPeople.map((person) => [
      person.username,
      person.email,
      person.matrixUserId,
      person.password,
      person.totpSecret ?? "(no second factor)",
    ]),
  ]
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  )
  return [
    "Demo people:",
    ...rows.map((row) =>
      `  ${row.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join("  ")}`.trimEnd(),
    ),
  ].join("\n")
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean", short: "h" },
      "access-ttl": { type: "string" },
      "refresh-ttl": { type: "string" },
      only: { type: "string" },
      port: { type: "string", multiple: true },
      host: { type: "string" },
      "cors-origin": { type: "string", multiple: true },
    },
  })
}

/** Reads `--port <vendor>=<port>` values: whole numbers from 0 (a free port) to 65535. */
function vendorPorts(
  values: readonly string[],
):
  | { readonly type: "ok"; readonly ports: Readonly<Record<string, number>> }
  | { readonly type: "error"; readonly message: string } {
  const ports: Record<string, number> = {}
  for (const value of values) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(value)
    const port = Number(match?.[2])
    if (!match?.[1] || !Number.isInteger(port) || port > 65_535) {
      return {
        type: "error",
        message: `--port takes <vendor>=<port>, a port from 0 (any free one) to 65535, got "${value}".`,
      }
    }
    ports[match[1]] = port
  }
  return { type: "ok", ports }
}

function seconds(
  flag: string,
  value: string | undefined,
):
  | { readonly type: "ok"; readonly ms: number | undefined }
  | { readonly type: "error"; readonly message: string } {
  if (value === undefined) return { type: "ok", ms: undefined }
  const parsed = Number(value)
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed <= 0) {
    return { type: "error", message: `${flag} takes a positive number of seconds, got "${value}".` }
  }
  return { type: "ok", ms: parsed * 1000 }
}
