import { describe, expect, it } from 'vitest'
import { groupReactions, hasReacted, withReaction } from './reactions'

describe('groupReactions', () => {
  it('counts each emoji once per person, marks mine, in palette order', () => {
    const chips = groupReactions(
      [
        { emoji: '🔥', accountId: 'x' },
        { emoji: '👍', accountId: 'x' },
        { emoji: '👍', accountId: 'me' },
        { emoji: '🦄', accountId: 'y' },
        { emoji: '🔥', accountId: 'y' },
      ],
      'me',
    )
    expect(chips).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🔥', count: 2, mine: false },
      { emoji: '🦄', count: 1, mine: false },
    ])
  })

  it('has no chips without reactions', () => {
    expect(groupReactions([], 'me')).toEqual([])
  })
})

describe('withReaction', () => {
  it('adds and takes away only my reaction', () => {
    const start = [{ emoji: '👍', accountId: 'x' }]
    const added = withReaction(start, '👍', 'me', true)
    expect(hasReacted(added, '👍', 'me')).toBe(true)
    expect(withReaction(added, '👍', 'me', true)).toHaveLength(2)
    expect(withReaction(added, '👍', 'me', false)).toEqual(start)
  })
})
