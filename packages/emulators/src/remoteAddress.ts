/**
 * The request header through which the HTTP mounts tell an emulator the client's network address. The Node bridge
 * drops any such header a client sent and sets its own from the socket, so a client cannot choose its address.
 */
export const remoteAddressHeader = "X-Latchkey-Remote-Address"

/** The address of a request that did not come through an HTTP mount (a test's `fetch`, MSW): loopback. */
export const defaultRemoteAddress = "127.0.0.1"

/**
 * The client's network address as a server would see it, for vendors that bind tokens or bans to it.
 *
 * @example
 * const banned = defender.isBanned(remoteAddress(request))
 */
export function remoteAddress(request: Request): string {
  return request.headers.get(remoteAddressHeader)?.trim() || defaultRemoteAddress
}

/**
 * A socket's address as Go's servers print it: an IPv4 client of a dual-stack listener is plain IPv4.
 *
 * @example
 * normalizeAddress("::ffff:127.0.0.1") // "127.0.0.1"
 */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  return mapped?.[1] ?? address
}
