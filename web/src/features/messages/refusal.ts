import { formatTime } from '../../lib/format'
import type { Language } from '../../lib/language'
import type { Problem } from '../../lib/problem'

/** What to say when sending was refused because of me: muted (until when, when the server says), or read-only. */
export function refusalText(
  problem: Problem | null,
  t: (key: 'mutedUntil', params: { time: string }) => string,
  language: Language,
): string | null {
  if (!problem) return null
  const until = problem.extensions.mutedUntil
  if (typeof until === 'string' && !Number.isNaN(Date.parse(until)))
    return `${t('mutedUntil', { time: formatTime(until, language) })} ${problem.title}`
  return problem.title
}
