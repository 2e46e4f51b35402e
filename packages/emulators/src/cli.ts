#!/usr/bin/env node
import { runEmulatorCli } from "./emulatorCli"

const outcome = await runEmulatorCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
})

switch (outcome.type) {
  case "exit":
    process.exitCode = outcome.code
    break
  case "serving": {
    const stop = () => {
      outcome.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    }
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
    break
  }
  default:
    outcome satisfies never
}
