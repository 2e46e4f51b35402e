import { createCloudreveEmulator } from "./cloudreve/cloudreveEmulator"
import type { Emulator } from "./emulator"
import { createFilescomEmulator } from "./filescom/filescomEmulator"
import { createMatrixEmulator } from "./matrix/matrixEmulator"
import type { EmulatorOptions } from "./options"
import { createPolarioEmulator } from "./polario/polarioEmulator"
import { createSftpgoEmulator } from "./sftpgo/sftpgoEmulator"

/** The five vendors Latchkey emulates. */
export type VendorId = "matrix" | "cloudreve" | "sftpgo" | "filescom" | "polario"

/** The fixed loopback port of each vendor's emulator (the demo app's defaults point here). */
export const emulatorPorts: Readonly<Record<VendorId, number>> = Object.freeze({
  matrix: 8008,
  cloudreve: 5212,
  sftpgo: 8080,
  filescom: 8091,
  polario: 8092,
})

/** How the CLI finds and starts one vendor's emulator. */
export interface RegisteredEmulator {
  readonly vendor: VendorId
  readonly port: number
  create(options: EmulatorOptions): Emulator
}

/** Every vendor emulator that exists; each vendor adds its line here. */
export const emulatorRegistry: readonly RegisteredEmulator[] = [
  { vendor: "matrix", port: emulatorPorts.matrix, create: createMatrixEmulator },
  { vendor: "cloudreve", port: emulatorPorts.cloudreve, create: createCloudreveEmulator },
  { vendor: "sftpgo", port: emulatorPorts.sftpgo, create: createSftpgoEmulator },
  { vendor: "polario", port: emulatorPorts.polario, create: createPolarioEmulator },
  { vendor: "filescom", port: emulatorPorts.filescom, create: createFilescomEmulator },
]
