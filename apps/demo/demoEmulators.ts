import type { IncomingMessage, ServerResponse } from "node:http"
import {
  createMatrixEmulator,
  createPolarioEmulator,
  createSftpgoEmulator,
  type Emulator,
  type EmulatorMounts,
  emulatorRegistry,
  type VendorId,
} from "@latchkey/emulators"
import { emulatorMiddleware } from "@latchkey/emulators/vite"
import type { Plugin } from "vite"

/** Where the demo's control route lives, next to the emulators it controls. */
export const controlPath = "/emulators/_control/lifetimes"

/** Token lifetimes every emulator is created with; `null` keeps each vendor's default. */
export interface DemoLifetimes {
  readonly accessTokenTtlMs: number | null
  /** Matrix only: `false` issues no refresh tokens, so the session asks for the password again instead. */
  readonly issuesRefreshTokens: boolean
  /** Polario only: the SCRAM iteration count of every account (4096 when a body leaves it out). */
  readonly scramIterations: number
}

/** The Polario emulator's default: fast for tests, far below a real server's 600 000. */
const defaultScramIterations = 4096

const defaultLifetimes: DemoLifetimes = {
  accessTokenTtlMs: null,
  issuesRefreshTokens: true,
  scramIterations: defaultScramIterations,
}

/** Vendors whose emulators have knobs beyond the options every emulator takes. */
const specialEmulators: Partial<Record<VendorId, (lifetimes: DemoLifetimes) => Emulator>> = {
  matrix: ({ accessTokenTtlMs, issuesRefreshTokens }) =>
    createMatrixEmulator({
      issuesRefreshTokens,
      ...(accessTokenTtlMs === null
        ? {}
        : { accessTokenTtlMs, nonRefreshableAccessTokenTtlMs: accessTokenTtlMs }),
    }),
  polario: ({ accessTokenTtlMs, scramIterations }) =>
    createPolarioEmulator({
      iterations: scramIterations,
      ...(accessTokenTtlMs === null ? {} : { accessTokenTtlMs }),
    }),
  // Everyone here shares one address: a person trying wrong passwords sees the ban, without SFTPGo's half hour.
  sftpgo: ({ accessTokenTtlMs }) =>
    createSftpgoEmulator({
      defender: { threshold: 6, observationMs: 5 * 60_000, banMs: 2 * 60_000 },
      ...(accessTokenTtlMs === null ? {} : { accessTokenTtlMs }),
    }),
}

function createMounts(lifetimes: DemoLifetimes): EmulatorMounts {
  return Object.fromEntries(
    emulatorRegistry.map((entry) => {
      const special = specialEmulators[entry.vendor]
      const emulator = special
        ? special(lifetimes)
        : entry.create(
            lifetimes.accessTokenTtlMs === null
              ? {}
              : { accessTokenTtlMs: lifetimes.accessTokenTtlMs },
          )
      return [`/emulators/${entry.vendor}`, emulator]
    }),
  )
}

/** Reads a lifetimes body; anything else is refused rather than guessed at. */
export function parseLifetimes(value: unknown): DemoLifetimes | undefined {
  if (typeof value !== "object" || value === null) return undefined
  const {
    accessTokenTtlMs,
    issuesRefreshTokens,
    scramIterations = defaultScramIterations,
  } = value as Record<string, unknown>
  const isTtl =
    accessTokenTtlMs === null ||
    (typeof accessTokenTtlMs === "number" &&
      Number.isInteger(accessTokenTtlMs) &&
      accessTokenTtlMs >= 2_000)
  // Up to a million: every account's keys are derived again when the emulators restart.
  const isIterations =
    typeof scramIterations === "number" &&
    Number.isInteger(scramIterations) &&
    scramIterations >= 1 &&
    scramIterations <= 1_000_000
  if (!isTtl || typeof issuesRefreshTokens !== "boolean" || !isIterations) return undefined
  return { accessTokenTtlMs, issuesRefreshTokens, scramIterations }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(Buffer.from(chunk))
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"))
  } catch {
    return undefined
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status
  res.setHeader("Content-Type", "application/json")
  res.setHeader("Cache-Control", "no-store")
  res.end(JSON.stringify(body))
}

/**
 * Serves every registered emulator under `/emulators/<vendor>` in the dev and preview servers, plus a control
 * route: `GET /emulators/_control/lifetimes` tells the current token lifetimes, `POST` with
 * `{ accessTokenTtlMs: number | null, issuesRefreshTokens: boolean, scramIterations?: number }` re-creates every
 * emulator with them (everyone is signed out: the new emulators know no tokens).
 */
export function demoEmulators(): Plugin {
  let lifetimes = defaultLifetimes
  let middleware = emulatorMiddleware(createMounts(lifetimes))

  const handle = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const path = (req.url ?? "/").split("?")[0]
    if (path !== controlPath) {
      middleware(req, res, next)
      return
    }
    if (req.method === "GET") {
      sendJson(res, 200, lifetimes)
      return
    }
    if (req.method !== "POST") {
      res.setHeader("Allow", "GET, POST")
      sendJson(res, 405, { error: "Use GET or POST." })
      return
    }
    readBody(req)
      .then((body) => {
        const parsed = parseLifetimes(body)
        if (parsed === undefined) {
          sendJson(res, 400, {
            error:
              "Send { accessTokenTtlMs: null | integer ≥ 2000, issuesRefreshTokens: boolean, scramIterations?: integer 1–1000000 }.",
          })
          return
        }
        lifetimes = parsed
        middleware = emulatorMiddleware(createMounts(lifetimes))
        sendJson(res, 200, lifetimes)
      })
      .catch(next)
  }

  return {
    name: "latchkey-demo-emulators",
    configureServer(server) {
      server.middlewares.use(handle)
    },
    configurePreviewServer(server) {
      server.middlewares.use(handle)
    },
  }
}
