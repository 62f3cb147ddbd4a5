import { parseMessage, plainText } from './format-message'
import { fold } from './mentions'

// Showing search results: a short piece of the message around the first word that matched. The server matches
// with morphology (PostgreSQL) or word stems (SQLite), so the piece is found the same loose way: by the stem of each
// searched word, the whole word it occurs in being marked.

export interface Snippet {
  before: string
  match: string
  after: string
}

/** The stems the server's SQLite search uses: long words lose their last two letters ("уроки" → "урок"). */
export function searchStems(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10)
    .map((w) => (w.length > 4 ? w.slice(0, Math.max(4, w.length - 2)) : w))
}

const wordChar = /[\p{L}\p{N}]/u

export function searchSnippet(text: string, query: string, radius = 60): Snippet {
  const plain = plainText(parseMessage(text)).replace(/\s+/g, ' ').trim()
  const folded = fold(plain)
  // Folding keeps the length for Russian and English; when it does not, positions cannot be trusted.
  const comparable = folded.length === plain.length
  let at = -1
  let length = 0
  if (comparable) {
    for (const stem of searchStems(query)) {
      // A match at the start of a word first, anywhere otherwise.
      let i = folded.indexOf(stem)
      let first = -1
      while (i >= 0) {
        if (first < 0) first = i
        if (i === 0 || !wordChar.test(plain[i - 1])) break
        i = folded.indexOf(stem, i + 1)
      }
      const found = i >= 0 ? i : first
      if (found >= 0 && (at < 0 || found < at)) {
        at = found
        let end = found + stem.length
        while (end < plain.length && wordChar.test(plain[end])) end++
        length = end - found
      }
    }
  }
  if (at < 0)
    return {
      before: '',
      match: '',
      after: plain.length > radius * 2 ? `${plain.slice(0, radius * 2).trimEnd()}…` : plain,
    }
  let from = Math.max(0, at - radius)
  if (from > 0) {
    const space = plain.indexOf(' ', from)
    from = space >= 0 && space < at ? space + 1 : from
  }
  let to = Math.min(plain.length, at + length + radius)
  if (to < plain.length) {
    const space = plain.lastIndexOf(' ', to)
    to = space > at + length ? space : to
  }
  return {
    before: `${from > 0 ? '…' : ''}${plain.slice(from, at)}`,
    match: plain.slice(at, at + length),
    after: `${plain.slice(at + length, to)}${to < plain.length ? '…' : ''}`,
  }
}
