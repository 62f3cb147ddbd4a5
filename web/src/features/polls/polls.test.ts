import { describe, expect, it } from 'vitest'
import type { PollResponse } from '../../lib/api-types'
import { checkPollDraft, hasVoted, isPollClosed, mergePoll, pollResults, votesKey } from './polls'
import { pollTexts } from './texts'

function poll(votes: number[], patch: Partial<PollResponse> = {}): PollResponse {
  return {
    id: 'p',
    messageId: 'm',
    question: 'Когда собрание?',
    multiple: false,
    anonymous: false,
    closesAt: null,
    closed: false,
    voterCount: votes.reduce((a, b) => a + b, 0),
    options: votes.map((v, i) => ({ id: `o${i}`, text: `Вариант ${i + 1}`, votes: v, voters: [] })),
    myChoice: null,
    ...patch,
  }
}

const percents = (p: PollResponse) => pollResults(p, null).map((o) => o.percent)

describe('pollResults', () => {
  it('shares exactly 100 between the options of a single-choice poll', () => {
    expect(percents(poll([1, 1, 1]))).toEqual([34, 33, 33])
    expect(percents(poll([2, 1]))).toEqual([67, 33])
    expect(percents(poll([1, 1, 1, 1, 1, 1, 1]))).toEqual([15, 15, 14, 14, 14, 14, 14])
    for (const votes of [
      [3, 3, 1],
      [5, 0, 2, 2],
      [1, 2, 3, 4, 5, 6],
    ])
      expect(percents(poll(votes)).reduce((a, b) => a + b)).toBe(100)
  })

  it('is 0 everywhere when nobody voted', () => {
    expect(percents(poll([0, 0]))).toEqual([0, 0])
  })

  it('counts a multiple-choice option as the share of voters who took it', () => {
    // Three people voted; two took the first option, all three the second.
    expect(percents(poll([2, 3, 0], { multiple: true, voterCount: 3 }))).toEqual([67, 100, 0])
  })

  it('marks my choice', () => {
    const results = pollResults(poll([1, 2]), ['o1'])
    expect(results.map((o) => o.mine)).toEqual([false, true])
    expect(results[1]).toMatchObject({ text: 'Вариант 2', votes: 2, percent: 67 })
  })
})

describe('mergePoll', () => {
  it('keeps my known choice when the update does not carry one (somebody else voted)', () => {
    const mine = poll([1, 0], { myChoice: ['o0'] })
    const update = poll([1, 1])
    const merged = mergePoll(mine, update)
    expect(merged.options.map((o) => o.votes)).toEqual([1, 1])
    expect(merged.myChoice).toEqual(['o0'])
  })

  it('takes my choice from an update that carries it (my vote from another tab, a retraction)', () => {
    expect(mergePoll(poll([1, 0], { myChoice: ['o0'] }), poll([0, 1], { myChoice: ['o1'] })).myChoice).toEqual(['o1'])
    expect(mergePoll(poll([1, 0], { myChoice: ['o0'] }), poll([0, 0], { myChoice: [] })).myChoice).toEqual([])
  })

  it('stays unknown when nothing is known', () => {
    expect(mergePoll(undefined, poll([1])).myChoice).toBeNull()
    expect(mergePoll(poll([0]), poll([1])).myChoice).toBeNull()
  })
})

describe('poll state', () => {
  it('is closed when closed or past its deadline', () => {
    const now = Date.parse('2026-03-01T12:00:00Z')
    expect(isPollClosed(poll([0]), now)).toBe(false)
    expect(isPollClosed(poll([0], { closed: true }), now)).toBe(true)
    expect(isPollClosed(poll([0], { closesAt: '2026-03-01T11:59:00Z' }), now)).toBe(true)
    expect(isPollClosed(poll([0], { closesAt: '2026-03-01T12:01:00Z' }), now)).toBe(false)
  })

  it('knows whether I voted', () => {
    expect(hasVoted(null)).toBe(false)
    expect(hasVoted([])).toBe(false)
    expect(hasVoted(['o1'])).toBe(true)
  })

  it('picks the Russian plural of votes', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => votesKey(n, 'ru'))).toEqual([
      'pollVotesOne',
      'pollVotesFew',
      'pollVotesMany',
      'pollVotesMany',
      'pollVotesOne',
      'pollVotesFew',
      'pollVotesMany',
    ])
    expect([1, 2].map((n) => votesKey(n, 'en'))).toEqual(['pollVotesOne', 'pollVotesMany'])
  })
})

describe('checkPollDraft', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')
  const draft = {
    question: ' Когда собрание? ',
    options: ['Во вторник', '', ' В четверг '],
    multiple: true,
    anonymous: false,
    closesAt: '',
  }

  it('leaves blank options out and builds the request', () => {
    expect(checkPollDraft(draft, now).request).toEqual({
      question: 'Когда собрание?',
      poll: { options: ['Во вторник', 'В четверг'], multiple: true, anonymous: false, closesAt: null },
    })
  })

  it('wants a question and two different options', () => {
    const check = checkPollDraft({ ...draft, question: ' ', options: ['Да', 'да ', ''] }, now)
    expect(check.question).toBe('required')
    expect(check.options).toEqual({ 1: 'duplicate' })
    expect(check.tooFew).toBe(false)
    expect(check.request).toBeUndefined()
    expect(checkPollDraft({ ...draft, options: ['Да', ''] }, now).tooFew).toBe(true)
  })

  it('refuses a deadline in the past and sends a future one as an instant', () => {
    expect(checkPollDraft({ ...draft, closesAt: '2020-01-01T10:00' }, now).closesAt).toBe('past')
    const future = checkPollDraft({ ...draft, closesAt: '2030-01-01T10:00' }, now)
    expect(future.request?.poll.closesAt).toBe(new Date('2030-01-01T10:00').toISOString())
  })
})

describe('poll labels', () => {
  // The dialog's deadline field and the card's close button were both "Завершить опрос": a voice command or a
  // screen reader's list of controls could not tell them apart.
  it.each(['ru', 'en'] as const)('name the deadline field and the close button differently (%s)', (language) => {
    expect(pollTexts[language].pollClosesAt).not.toBe(pollTexts[language].closePoll)
  })
})
