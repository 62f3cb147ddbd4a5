// Light formatting of message text: **bold**, _italic_, `code` and bare http(s) links. The result is a tree of
// plain values that MessageText turns into React elements, so text always stays text: no HTML is ever parsed.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'bold'; children: Inline[] }
  | { type: 'italic'; children: Inline[] }

const maxDepth = 4
const urlStart = /^https?:\/\//i
// Characters that end a bare link; quotes and angle brackets are not part of links people paste.
const urlStop = /[\s<>"`]/
const trailingPunctuation = /[.,:;!?'*_)\]]$/

function isSpace(ch: string | undefined) {
  return ch === undefined || /\s/.test(ch)
}

function isWordChar(ch: string | undefined) {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch)
}

/** Only http and https, with a host: anything else (javascript:, data:, …) is never a link. */
export function safeHref(candidate: string): string | null {
  if (!urlStart.test(candidate)) return null
  try {
    const url = new URL(candidate)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null
    return url.href
  } catch {
    return null
  }
}

function count(text: string, ch: string) {
  let n = 0
  for (const c of text) if (c === ch) n++
  return n
}

/** The link that starts at `from`, without trailing punctuation (but keeping balanced parentheses). */
function readLink(text: string, from: number): { href: string; text: string } | null {
  let end = from
  while (end < text.length && !urlStop.test(text[end])) end++
  let raw = text.slice(from, end)
  while (trailingPunctuation.test(raw)) {
    if (raw.endsWith(')') && count(raw, '(') >= count(raw, ')')) break
    raw = raw.slice(0, -1)
  }
  const href = safeHref(raw)
  return href && raw.length > raw.indexOf('//') + 2 ? { href, text: raw } : null
}

/** The closing `**` after `from` with no space before it. */
function findBoldClose(text: string, from: number): number {
  for (let j = text.indexOf('**', from); j >= 0; j = text.indexOf('**', j + 1)) {
    if (j > from && !isSpace(text[j - 1])) return j
  }
  return -1
}

/** The closing `_`: no space before it, and not inside a word (so snake_case stays as it is). */
function findItalicClose(text: string, from: number): number {
  for (let j = text.indexOf('_', from); j >= 0; j = text.indexOf('_', j + 1)) {
    if (j > from && !isSpace(text[j - 1]) && !isWordChar(text[j + 1]) && text[j + 1] !== '_') return j
  }
  return -1
}

function parse(text: string, depth: number): Inline[] {
  const out: Inline[] = []
  let buffer = ''
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer })
    buffer = ''
  }

  let i = 0
  while (i < text.length) {
    const ch = text[i]
    const before = text[i - 1]

    if (ch === '`') {
      const close = text.indexOf('`', i + 1)
      if (close > i + 1) {
        flush()
        out.push({ type: 'code', text: text.slice(i + 1, close) })
        i = close + 1
        continue
      }
    }

    if ((ch === 'h' || ch === 'H') && !isWordChar(before) && urlStart.test(text.slice(i, i + 8))) {
      const link = readLink(text, i)
      if (link) {
        flush()
        out.push({ type: 'link', ...link })
        i += link.text.length
        continue
      }
    }

    if (depth < maxDepth && ch === '*' && text[i + 1] === '*' && !isSpace(text[i + 2])) {
      const close = findBoldClose(text, i + 2)
      if (close > i + 2) {
        flush()
        out.push({ type: 'bold', children: parse(text.slice(i + 2, close), depth + 1) })
        i = close + 2
        continue
      }
    }

    if (
      depth < maxDepth &&
      ch === '_' &&
      !isWordChar(before) &&
      before !== '_' &&
      !isSpace(text[i + 1]) &&
      text[i + 1] !== '_'
    ) {
      const close = findItalicClose(text, i + 1)
      if (close > i + 1) {
        flush()
        out.push({ type: 'italic', children: parse(text.slice(i + 1, close), depth + 1) })
        i = close + 1
        continue
      }
    }

    buffer += ch
    i++
  }
  flush()
  return out
}

export function parseMessage(text: string): Inline[] {
  return parse(text, 0)
}

/** The text without formatting marks: for previews and screen-reader announcements. */
export function plainText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'bold' || n.type === 'italic' ? plainText(n.children) : n.text)).join('')
}
