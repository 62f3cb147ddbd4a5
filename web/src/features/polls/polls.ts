import type { PersonRef, PollResponse } from '../../lib/api-types'
import type { Language } from '../../lib/language'
import { characterCount } from '../messages/text-length'

// Polls without React: the results as the card shows them, merging updates without losing my known choice, and
// checking a new poll before it is sent.

export const maxPollQuestion = 300
export const maxPollOption = 200
export const minPollOptions = 2
export const maxPollOptions = 10

export function isPollClosed(poll: Pick<PollResponse, 'closed' | 'closesAt'>, now: number = Date.now()): boolean {
  return poll.closed || (poll.closesAt !== null && Date.parse(poll.closesAt) <= now)
}

/** Null while my choice is unknown (the poll as messages carry it). */
export function hasVoted(myChoice: readonly string[] | null | undefined): boolean {
  return Boolean(myChoice && myChoice.length > 0)
}

export interface OptionResult {
  id: string
  text: string
  votes: number
  /** Whole percent. Single choice: of all votes, and the options add up to exactly 100. Multiple: of the voters. */
  percent: number
  mine: boolean
  voters: PersonRef[] | null
}

/**
 * Percentages for the bars. A single-choice poll shares 100 by largest remainder, so 1/3 each reads 34, 33, 33 and
 * never 99 or 101; in a multiple-choice poll each option is the share of voters who took it (they may add up to
 * more than 100). Nobody voted: all 0.
 */
export function pollResults(poll: PollResponse, myChoice: readonly string[] | null | undefined): OptionResult[] {
  const chosen = new Set(myChoice ?? [])
  const totalVotes = poll.options.reduce((sum, o) => sum + o.votes, 0)
  const base = poll.multiple ? poll.voterCount : totalVotes
  const exact = poll.options.map((o) => (base > 0 ? (o.votes / base) * 100 : 0))
  const percents = exact.map((p) => Math.min(100, poll.multiple ? Math.round(p) : Math.floor(p)))
  if (!poll.multiple && base > 0) {
    let left = 100 - percents.reduce((sum, p) => sum + p, 0)
    const byRemainder = exact
      .map((p, i) => ({ i, rest: p - Math.floor(p) }))
      .sort((a, b) => b.rest - a.rest || a.i - b.i)
    for (const { i } of byRemainder) {
      if (left <= 0) break
      percents[i] += 1
      left -= 1
    }
  }
  return poll.options.map((o, i) => ({
    id: o.id,
    text: o.text,
    votes: o.votes,
    percent: percents[i],
    mine: chosen.has(o.id),
    voters: o.voters,
  }))
}

/**
 * A newer state of a poll over the one held: the results are the incoming ones; my choice is the incoming one when
 * it carries it (answers to me, my other tabs), otherwise the one already known (others' votes do not say mine).
 */
export function mergePoll(current: PollResponse | null | undefined, incoming: PollResponse): PollResponse {
  if (incoming.myChoice !== null || !current || current.myChoice === null) return incoming
  return { ...incoming, myChoice: current.myChoice }
}

const pluralLocales: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' }

/** Which of "голос / голоса / голосов" (one / few / many) a count takes. */
export function votesKey(count: number, language: Language): 'pollVotesOne' | 'pollVotesFew' | 'pollVotesMany' {
  const form = new Intl.PluralRules(pluralLocales[language]).select(count)
  return form === 'one' ? 'pollVotesOne' : form === 'few' ? 'pollVotesFew' : 'pollVotesMany'
}

// The new-poll form.

export interface PollDraft {
  question: string
  options: string[]
  multiple: boolean
  anonymous: boolean
  /** The value of a datetime-local input ("2026-03-01T18:00"), or ''. */
  closesAt: string
}

/** What the server takes with a poll message (the question goes as the message's text). */
export interface PollRequest {
  options: string[]
  multiple: boolean
  anonymous: boolean
  closesAt: string | null
}

export type OptionProblem = 'duplicate' | 'tooLong'

export interface PollDraftCheck {
  question?: 'required' | 'tooLong'
  /** By the index of the option field. */
  options: Record<number, OptionProblem>
  tooFew: boolean
  closesAt?: 'past'
  /** Set when there is nothing to fix: blank option fields are left out. */
  request?: { question: string; poll: PollRequest }
}

const fold = (s: string) => s.trim().toLocaleLowerCase('ru')

export function checkPollDraft(draft: PollDraft, now: number = Date.now()): PollDraftCheck {
  const check: PollDraftCheck = { options: {}, tooFew: false }
  const question = draft.question.trim()
  if (!question) check.question = 'required'
  else if (characterCount(question) > maxPollQuestion) check.question = 'tooLong'

  const seen = new Set<string>()
  const options: string[] = []
  draft.options.forEach((raw, i) => {
    const text = raw.trim()
    if (!text) return
    if (characterCount(text) > maxPollOption) check.options[i] = 'tooLong'
    else if (seen.has(fold(text))) check.options[i] = 'duplicate'
    seen.add(fold(text))
    options.push(text)
  })
  check.tooFew = options.length < minPollOptions

  let closesAt: string | null = null
  if (draft.closesAt) {
    const at = new Date(draft.closesAt)
    if (Number.isNaN(at.getTime()) || at.getTime() <= now) check.closesAt = 'past'
    else closesAt = at.toISOString()
  }

  const ok =
    !check.question &&
    !check.tooFew &&
    !check.closesAt &&
    Object.keys(check.options).length === 0 &&
    options.length <= maxPollOptions
  if (ok)
    check.request = { question, poll: { options, multiple: draft.multiple, anonymous: draft.anonymous, closesAt } }
  return check
}
