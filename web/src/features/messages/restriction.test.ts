import { describe, expect, it } from 'vitest'
import type { ChatRestriction } from '../../lib/api-types'
import { translate } from '../../lib/i18n'
import type { Problem } from '../../lib/problem'
import { isHistoryClosed, refusedRestriction, restrictionNotice, restrictionOf } from './restriction'
import { messageTexts } from './texts'

const problem = (patch: Partial<Problem>): Problem => ({
  status: 403,
  title: 'Нельзя',
  errors: {},
  extensions: {},
  ...patch,
})

describe('restriction banner', () => {
  it('says nothing for a chat that is not restricted', () => {
    expect(restrictionNotice('None')).toBeNull()
    expect(restrictionOf({ restriction: undefined as unknown as ChatRestriction })).toBe('None')
  })

  it('explains the contact policy and a group without staff, in both languages', () => {
    const contact = restrictionNotice('ContactPolicy')!
    const group = restrictionNotice('Unsupervised')!
    expect(translate(messageTexts, 'ru', contact)).toContain('правила общения школы больше не разрешают')
    expect(translate(messageTexts, 'ru', group)).toBe(
      'Группа только для чтения, пока в неё не добавят сотрудника школы.',
    )
    expect(translate(messageTexts, 'en', contact)).toContain('read-only')
    expect(translate(messageTexts, 'en', group)).toContain('staff member')
  })
})

describe('refusals', () => {
  it('reads the restriction a refused send names', () => {
    expect(
      refusedRestriction(
        problem({
          type: 'https://sfera.local/problems/chat-contact-policy',
          extensions: { restriction: 'ContactPolicy' },
        }),
      ),
    ).toBe('ContactPolicy')
    expect(
      refusedRestriction(
        problem({
          type: 'https://sfera.local/problems/chat-unsupervised',
          extensions: { restriction: 'Unsupervised' },
        }),
      ),
    ).toBe('Unsupervised')
  })

  it('ignores other refusals', () => {
    expect(refusedRestriction(problem({ type: 'https://sfera.local/problems/muted' }))).toBeNull()
    expect(refusedRestriction(problem({ status: 400, extensions: { restriction: 'ContactPolicy' } }))).toBeNull()
    expect(refusedRestriction(problem({ extensions: { restriction: 'None' } }))).toBeNull()
    expect(refusedRestriction(null)).toBeNull()
  })

  it('knows a closed history', () => {
    expect(
      isHistoryClosed(
        problem({
          type: 'https://sfera.local/problems/chat-history-closed',
          extensions: { restriction: 'ContactPolicy' },
        }),
      ),
    ).toBe(true)
    expect(isHistoryClosed(problem({ type: 'https://sfera.local/problems/forbidden' }))).toBe(false)
    expect(isHistoryClosed(undefined)).toBe(false)
  })
})
