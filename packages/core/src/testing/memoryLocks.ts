import type { Clock, Locks } from "../platform/platform"

/**
 * In-memory locks shared by clients that stand for tabs: first come, first served; a waiter gives up after its
 * timeout on `clock` (and then runs anyway, like the real ones) or when its signal aborts.
 */
export function createMemoryLocks(clock: Clock): Locks {
  const queues = new Map<string, Promise<void>>()
  return {
    async request(name, { timeoutMs, signal }, task) {
      signal?.throwIfAborted()
      const held = queues.get(name)
      const previous = held ?? Promise.resolve()
      let release = () => {}
      const mine = new Promise<void>((resolve) => {
        release = resolve
      })
      const tail = previous.then(() => mine)
      queues.set(name, tail)
      let timer: unknown
      const waits: Promise<unknown>[] = [previous]
      if (timeoutMs !== undefined) {
        waits.push(
          new Promise((resolve) => {
            timer = clock.setTimeout(() => resolve(undefined), timeoutMs)
          }),
        )
      }
      if (signal) {
        waits.push(
          new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true })),
        )
      }
      await Promise.race(waits)
      clock.clearTimeout(timer)
      try {
        signal?.throwIfAborted()
        return await task({ wasContended: held !== undefined })
      } finally {
        release()
        if (queues.get(name) === tail) queues.delete(name)
      }
    },
  }
}
