/** The query key of the session snapshot that the provider keeps current. */
export function sessionQueryKey(scope: string): readonly unknown[] {
  return ["latchkey", scope, "session"]
}

/** The prefix of every user-scoped query; removing it forgets every user's data at once. */
export function usersQueryKey(scope: string): readonly unknown[] {
  return ["latchkey", scope, "user"]
}

/** The prefix of one user's queries. */
export function userQueryKey(scope: string, userId: string): readonly unknown[] {
  return ["latchkey", scope, "user", userId]
}
