#!/usr/bin/env node
// Brings a fresh clone to a runnable state on a machine with only Node and npm:
// installs the pinned pnpm when it is missing, then the workspace's dependencies.
import { execFileSync, spawnSync } from "node:child_process"

const pnpmVersion = "12.21.0"
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Latchkey needs Node 20.19 or newer; this is ${process.versions.node}.`)
  process.exit(1)
}

const run = (command, args) =>
  spawnSync(command, args, { stdio: "inherit", shell: process.platform === "win32" })
const installedPnpm = () => {
  try {
    return execFileSync("pnpm", ["--version"], {
      encoding: "utf8",
      shell: process.platform === "win32",
    }).trim()
  } catch {
    return undefined
  }
}

if (installedPnpm()?.split(".")[0] !== pnpmVersion.split(".")[0]) {
  console.log(`Installing pnpm ${pnpmVersion} with npm…`)
  if (run("npm", ["install", "--global", `pnpm@${pnpmVersion}`]).status !== 0 || !installedPnpm()) {
    console.error(
      `Could not install pnpm. Install it yourself (npm install --global pnpm@${pnpmVersion}) and run this again.`,
    )
    process.exit(1)
  }
}

const install = run("pnpm", [
  "install",
  "--frozen-lockfile",
  "--prefer-offline",
  "--reporter=silent",
])
process.exit(install.status ?? 1)
