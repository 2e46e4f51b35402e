/** The names of the `:param` segments of a path pattern. */
type ParamNames<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : Pattern extends `${string}:${infer Name}`
    ? Name
    : never

/** The decoded path parameters of a pattern: `"/rooms/:roomId"` gives `{ roomId: string }`. */
export type RouteParams<Pattern extends string> = { readonly [Name in ParamNames<Pattern>]: string }

/** What a route handler receives. */
export interface RouteContext<Params> {
  readonly request: Request
  readonly url: URL
  readonly params: Params
}

/** Answers one route; it may also `throw` a `Response` to answer early. */
export type RouteHandler<Params> = (context: RouteContext<Params>) => Response | Promise<Response>

type AnyParams = Readonly<Record<string, string>>

/** The outcome of looking a request up in a router. */
export type RouteMatch =
  | {
      readonly type: "found"
      readonly handler: RouteHandler<AnyParams>
      readonly params: AnyParams
    }
  | { readonly type: "notFound" }
  | { readonly type: "methodNotAllowed"; readonly allowed: readonly string[] }

/** Method and path-pattern routing under an optional base path, with no framework behind it. */
export interface Router {
  /** The prefix every pattern is relative to, `""` for none. */
  readonly basePath: string
  get<Pattern extends string>(pattern: Pattern, handler: RouteHandler<RouteParams<Pattern>>): Router
  post<Pattern extends string>(
    pattern: Pattern,
    handler: RouteHandler<RouteParams<Pattern>>,
  ): Router
  put<Pattern extends string>(pattern: Pattern, handler: RouteHandler<RouteParams<Pattern>>): Router
  patch<Pattern extends string>(
    pattern: Pattern,
    handler: RouteHandler<RouteParams<Pattern>>,
  ): Router
  delete<Pattern extends string>(
    pattern: Pattern,
    handler: RouteHandler<RouteParams<Pattern>>,
  ): Router
  route<Pattern extends string>(
    method: string,
    pattern: Pattern,
    handler: RouteHandler<RouteParams<Pattern>>,
  ): Router
  /** Finds the handler of a method and a full request path (base path included). */
  match(method: string, pathname: string): RouteMatch
}

type Segment =
  | { readonly type: "literal"; readonly text: string }
  | { readonly type: "param"; readonly name: string }

interface Route {
  readonly method: string
  readonly pattern: string
  readonly segments: readonly Segment[]
  readonly handler: RouteHandler<AnyParams>
}

/**
 * Creates a router; `GET` routes also answer `HEAD`.
 *
 * @example
 * const router = createRouter({ basePath: "/api/v4" })
 *   .post("/session/token", ({ request }) => signIn(request))
 *   .get("/user/:id", ({ params }) => userById(params.id))
 */
export function createRouter(options: { readonly basePath?: string } = {}): Router {
  const basePath = normalizeBasePath(options.basePath ?? "")
  const routes: Route[] = []

  const router: Router = {
    basePath,
    get: (pattern, handler) => router.route("GET", pattern, handler),
    post: (pattern, handler) => router.route("POST", pattern, handler),
    put: (pattern, handler) => router.route("PUT", pattern, handler),
    patch: (pattern, handler) => router.route("PATCH", pattern, handler),
    delete: (pattern, handler) => router.route("DELETE", pattern, handler),
    route(method, pattern, handler) {
      const upper = method.toUpperCase()
      if (!pattern.startsWith("/")) throw new Error(`A route pattern starts with "/": ${pattern}`)
      if (routes.some((route) => route.method === upper && route.pattern === pattern)) {
        throw new Error(`The route ${upper} ${pattern} is already registered.`)
      }
      routes.push({
        method: upper,
        pattern,
        segments: pattern
          .split("/")
          .slice(1)
          .map((text) =>
            text.startsWith(":")
              ? { type: "param", name: text.slice(1) }
              : { type: "literal", text },
          ),
        // The params object is built from this route's own pattern, so it has exactly the pattern's names.
        handler: (context) => handler(context as RouteContext<RouteParams<typeof pattern>>),
      })
      return router
    },
    match(method, pathname) {
      const relative = stripBasePath(basePath, pathname)
      if (relative === undefined) return { type: "notFound" }
      const parts = relative.split("/").slice(1)
      const upper = method.toUpperCase()
      const allowed = new Set<string>()
      let found: { handler: RouteHandler<AnyParams>; params: AnyParams } | undefined
      for (const route of routes) {
        const params = matchSegments(route.segments, parts)
        if (params === undefined) continue
        allowed.add(route.method)
        if (route.method === "GET") allowed.add("HEAD")
        const answers = route.method === upper || (upper === "HEAD" && route.method === "GET")
        if (answers && (found === undefined || route.method === upper)) {
          found = { handler: route.handler, params }
        }
      }
      if (found !== undefined) return { type: "found", ...found }
      if (allowed.size === 0) return { type: "notFound" }
      return { type: "methodNotAllowed", allowed: [...allowed] }
    },
  }
  return router
}

function normalizeBasePath(basePath: string): string {
  if (basePath === "" || basePath === "/") return ""
  if (!basePath.startsWith("/")) throw new Error(`A base path starts with "/": ${basePath}`)
  return basePath.endsWith("/") ? basePath.slice(0, -1) : basePath
}

function stripBasePath(basePath: string, pathname: string): string | undefined {
  if (basePath === "") return pathname
  if (pathname === basePath) return "/"
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): AnyParams | undefined {
  if (segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, segment] of segments.entries()) {
    const part = parts[index]
    if (part === undefined) return undefined
    switch (segment.type) {
      case "literal":
        if (segment.text !== part) return undefined
        break
      case "param": {
        if (part === "") return undefined
        const decoded = safeDecode(part)
        if (decoded === undefined) return undefined
        params[segment.name] = decoded
        break
      }
      default:
        return segment satisfies never
    }
  }
  return params
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part)
  } catch {
    return undefined
  }
}
