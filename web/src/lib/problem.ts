/** An RFC 9457 problem as the server sends it, with the extension members kept apart. */
export interface Problem {
  status: number
  title: string
  type?: string
  detail?: string
  /** Field name (camelCase, as in the request) to messages. */
  errors: Record<string, string[]>
  extensions: Record<string, unknown>
}

const standardMembers = new Set(['status', 'title', 'type', 'detail', 'instance', 'errors'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readErrors(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {}
  const errors: Record<string, string[]> = {}
  for (const [field, messages] of Object.entries(value)) {
    const list = Array.isArray(messages) ? messages : [messages]
    const texts = list.filter((m): m is string => typeof m === 'string' && m.length > 0)
    if (texts.length > 0) errors[field] = texts
  }
  return errors
}

/** Reads whatever came back with a failed response; anything that is not a problem object gets the fallback title. */
export function parseProblem(status: number, body: unknown, fallbackTitle: string): Problem {
  if (!isRecord(body)) return { status, title: fallbackTitle, errors: {}, extensions: {} }
  const extensions: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) if (!standardMembers.has(key)) extensions[key] = value
  return {
    status: typeof body.status === 'number' ? body.status : status,
    title: typeof body.title === 'string' && body.title.trim() ? body.title : fallbackTitle,
    type: typeof body.type === 'string' ? body.type : undefined,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors: readErrors(body.errors),
    extensions,
  }
}

/** The last segment of the problem type: "https://sfera.local/problems/totp-required" gives "totp-required". */
export function problemKind(problem: Problem): string | undefined {
  return problem.type?.split('/').pop() || undefined
}

export class ApiError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.title)
    this.name = 'ApiError'
    this.problem = problem
  }

  get status() {
    return this.problem.status
  }
}

export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiError ? error.problem : null
}

/** The messages for one field (or for any of several fields that share one input), joined for display. */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  const problem = problemOf(error)
  if (!problem) return undefined
  const messages = fields.flatMap((field) => problem.errors[field] ?? [])
  return messages.length > 0 ? messages.join(' ') : undefined
}

/**
 * What to show above a form: the messages of fields the form has no input for, or else the title when
 * there are no field errors at all. Errors shown beside inputs are not repeated.
 */
export function formMessages(error: unknown, shownFields: readonly string[]): string[] {
  if (!error) return []
  const problem = problemOf(error)
  if (!problem) return [error instanceof Error ? error.message : String(error)]
  const fields = Object.keys(problem.errors)
  if (fields.length === 0) return [problem.title]
  return fields.filter((field) => !shownFields.includes(field)).flatMap((field) => problem.errors[field])
}
