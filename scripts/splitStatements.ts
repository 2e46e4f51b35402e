/** One top-level statement of a `.d.ts` file, without its comments. */
export type Statement = string

// Statements that end with their closing brace, not with a semicolon.
const blockStatement =
  /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:interface|class|enum|const\s+enum|namespace|module|global)\b/

/**
 * Splits a declaration file into its top-level statements, dropping comments and blank lines: tsc's declaration
 * output is regular enough that brackets, strings and template literals are all the structure needed.
 */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = []
  let current = ""
  let depth = 0
  // Open template literals, each with the bracket depth its `${` started at.
  const templates: number[] = []
  let index = 0
  const finish = () => {
    const lines = current.split("\n").map((line) => line.trimEnd())
    const statement = lines.filter((line) => line.trim() !== "").join("\n")
    if (statement.trim() !== "") statements.push(statement.trim())
    current = ""
  }
  while (index < text.length) {
    const char = text[index] ?? ""
    const next = text[index + 1] ?? ""
    const inTemplate = templates.length > 0 && templates.at(-1) === -1
    if (inTemplate) {
      if (char === "\\") {
        current += char + next
        index += 2
      } else if (char === "`") {
        templates.pop()
        current += char
        index++
      } else if (char === "$" && next === "{") {
        templates[templates.length - 1] = depth
        depth++
        current += "${"
        index += 2
      } else {
        current += char
        index++
      }
      continue
    }
    if (char === "/" && next === "/") {
      while (index < text.length && text[index] !== "\n") index++
      continue
    }
    if (char === "/" && next === "*") {
      const end = text.indexOf("*/", index + 2)
      index = end === -1 ? text.length : end + 2
      continue
    }
    if (char === '"' || char === "'") {
      let end = index + 1
      while (end < text.length && text[end] !== char) end += text[end] === "\\" ? 2 : 1
      current += text.slice(index, end + 1)
      index = end + 1
      continue
    }
    current += char
    index++
    if (char === "`") templates.push(-1)
    else if (char === "(" || char === "[" || char === "{") depth++
    else if (char === ")" || char === "]" || char === "}") {
      depth--
      if (char === "}" && templates.length > 0 && templates.at(-1) === depth) {
        templates[templates.length - 1] = -1
      } else if (char === "}" && depth === 0 && blockStatement.test(current.trim())) finish()
    } else if (char === ";" && depth === 0) finish()
  }
  finish()
  return statements
}
