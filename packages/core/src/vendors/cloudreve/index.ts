export { type CloudreveAdapterOptions, cloudreveAdapter } from "./cloudreveAdapter"
export type { CloudreveCredentials } from "./cloudreveSchemas"
