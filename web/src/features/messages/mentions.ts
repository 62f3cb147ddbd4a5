// Mentions in the composer and in messages: "@" followed by a chat member's display name. The composer offers
// members while an "@…" is being typed, inserts "@Name ", and on sending the ids of the members whose "@Name"
// is still in the text go to the server; "@все" (or "@all") mentions everyone and is for moderators.

export interface Mentionable {
  accountId: string
  displayName: string
}

/** What the composer knows of an "@…" being typed: where the "@" is and what follows it up to the caret. */
export interface MentionQuery {
  start: number
  query: string
}

const maxQueryLength = 40
/** Mentions a message may carry (the server refuses more). */
export const maxMentions = 100
export const mentionAllWords = ['все', 'all'] as const

const wordChar = /[\p{L}\p{N}_]/u

export function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е')
}

/**
 * The "@…" the caret is in, if any: the "@" starts the text or follows a space or an opening bracket or quote (so
 * "anna@school.ru" is not one), and the query holds no line break. Spaces are allowed: names have them.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  for (let i = caret - 1; i >= 0 && caret - i <= maxQueryLength + 1; i--) {
    const c = text[i]
    if (c === '\n') return null
    if (c !== '@') continue
    if (i > 0 && !/[\s([«"']/u.test(text[i - 1])) return null
    const query = text.slice(i + 1, caret)
    if (query.startsWith(' ') || query.includes('@')) return null
    return { start: i, query }
  }
  return null
}

/** Members whose name, or one of whose words, begins with the query (case and ё folded), in the given order. */
export function suggestMembers<T extends Mentionable>(members: readonly T[], query: string, max = 8): T[] {
  const needle = fold(query.trimEnd())
  const starts = (m: T) => {
    const words = fold(m.displayName).split(/\s+/)
    return words.some((_, i) => words.slice(i).join(' ').startsWith(needle))
  }
  return members.filter(starts).slice(0, max)
}

/** Replaces the "@query" at `start`…`caret` with "@Name " and answers the new text and caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const before = text.slice(0, start)
  const after = text.slice(caret)
  const token = `@${name}`
  if (/^\s/.test(after)) return { text: before + token + after, caret: before.length + token.length + 1 }
  return { text: `${before}${token} ${after}`, caret: before.length + token.length + 1 }
}

interface Span {
  start: number
  end: number
}

/** Every "@word…" occurrence of each token, longest tokens first so "@Анна Петрова" is not also "@Анна". */
function findTokens(text: string, tokens: readonly string[], caseless: boolean): (Span & { token: string })[] {
  const haystack = caseless ? fold(text) : text
  const found: (Span & { token: string })[] = []
  const taken = (s: Span) => found.some((f) => s.start < f.end && f.start < s.end)
  for (const token of [...new Set(tokens)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    const needle = `@${caseless ? fold(token) : token}`
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const end = at + needle.length
      const beforeOk = at === 0 || !wordChar.test(text[at - 1])
      const afterOk = end >= text.length || !wordChar.test(text[end])
      const span = { start: at, end }
      if (beforeOk && afterOk && !taken(span)) found.push({ ...span, token })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Ids of the members mentioned as "@Name" in the text, once each, in order of appearance. */
export function mentionedIds(text: string, members: readonly Mentionable[]): string[] {
  const byName = new Map<string, string[]>()
  for (const m of members) byName.set(m.displayName, [...(byName.get(m.displayName) ?? []), m.accountId])
  const ids: string[] = []
  for (const span of findTokens(text, [...byName.keys()], false)) {
    for (const id of byName.get(span.token) ?? []) if (!ids.includes(id)) ids.push(id)
  }
  return ids.slice(0, maxMentions)
}

/** True when the text mentions everyone: "@все" or "@all" as a word of its own. */
export function mentionsEveryone(text: string): boolean {
  return findTokens(text, mentionAllWords, true).length > 0
}

export type MentionSegment = { text: string; mention?: 'me' | 'other' }

/**
 * A text split around the mentions a message carries, for highlighting: `names` are the mentioned members (with
 * whether it is me), `all` adds "@все"/"@all". Text without mentions comes back as one segment.
 */
export function splitMentions(
  text: string,
  names: readonly { name: string; me: boolean }[],
  all: boolean,
): MentionSegment[] {
  const mine = new Set(names.filter((n) => n.me).map((n) => n.name))
  const exact = findTokens(
    text,
    names.map((n) => n.name),
    false,
  )
  const everyone = all
    ? findTokens(text, mentionAllWords, true).filter((s) => !exact.some((e) => s.start < e.end && e.start < s.end))
    : []
  const spans = [
    ...exact.map((s) => ({ ...s, me: mine.has(s.token) })),
    ...everyone.map((s) => ({ ...s, me: true })),
  ].sort((a, b) => a.start - b.start)
  if (spans.length === 0) return [{ text }]
  const segments: MentionSegment[] = []
  let at = 0
  for (const span of spans) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start) })
    segments.push({ text: text.slice(span.start, span.end), mention: span.me ? 'me' : 'other' })
    at = span.end
  }
  if (at < text.length) segments.push({ text: text.slice(at) })
  return segments
}
