import { cloudrevePeople, type DemoPerson } from "@latchkey/emulators"

/** One of the Cloudreve emulator's accounts (Carol is blocked, Dave never activated his). */
export function cloudrevePerson(username: "carol" | "dave"): DemoPerson {
  const person = cloudrevePeople.find((candidate) => candidate.username === username)
  if (!person) throw new Error(`The Cloudreve emulator has no ${username}.`)
  return person
}
