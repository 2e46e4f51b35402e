export { type PolarioAdapterOptions, polarioAdapter } from "./polarioAdapter"
export type { PolarioDevice, PolarioOs } from "./polarioDevice"
export type { PolarioCredentials } from "./polarioSchemas"
