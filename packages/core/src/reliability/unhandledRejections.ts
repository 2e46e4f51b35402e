const rejections: unknown[] = []

// Registered once, for the life of the test file: every case takes what arrived during it.
process.on("unhandledRejection", (reason) => {
  rejections.push(reason)
})

/** The unhandled rejections since the last call (after a real turn of the event loop, when Node reports them). */
export function takeUnhandledRejections(): unknown[] {
  return rejections.splice(0)
}
