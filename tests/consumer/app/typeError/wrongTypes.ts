import { matrixAdapter } from "@latchkey/core/matrix"
import { useSession } from "@latchkey/react"

// Deliberately wrong: the consumer test expects the type check to report both lines.
export const adapter = matrixAdapter({ homeserver: 8008 })
export const useStatus = (): "nonsense" => useSession((snapshot) => snapshot.status)
