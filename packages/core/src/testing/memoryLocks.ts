import type { Clock, Locks } from "../platform/platform"

/** In-memory locks shared by clients that stand for tabs; a waiter gives up after its timeout on `clock`. */
export function createMemoryLocks(clock: Clock): Locks {
  const queues = new Map<string, Promise<void>>()
  return {
    async request(name, { timeoutMs }, task) {
      const previous = queues.get(name) ?? Promise.resolve()
      let release = () => {}
      const mine = new Promise<void>((resolve) => {
        release = resolve
      })
      const tail = previous.then(() => mine)
      queues.set(name, tail)
      let timer: unknown
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = clock.setTimeout(() => resolve("timeout"), timeoutMs)
      })
      await Promise.race([previous, timedOut])
      clock.clearTimeout(timer)
      try {
        return await task()
      } finally {
        release()
        if (queues.get(name) === tail) queues.delete(name)
      }
    },
  }
}
