export { type FilescomAdapterOptions, filescomAdapter } from "./filescomAdapter"
export type { FilescomCredentials } from "./filescomSchemas"
