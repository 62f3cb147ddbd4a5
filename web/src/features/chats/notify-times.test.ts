import { describe, expect, it } from 'vitest'
import { translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { mutedLabel, muteState, quietLine } from './notify-times'
import { type ChatKey, chatTexts } from './texts'

const t = (language: Language) => (key: ChatKey, params?: Record<string, string | number>) =>
  translate(chatTexts, language, key, params)

// Local times, so the expectations hold in any time zone the tests run in.
const now = new Date(2030, 4, 14, 13, 30)
const at = (day: number, hour: number, minute = 0) => new Date(2030, 4, day, hour, minute).toISOString()

describe('muteState', () => {
  it('is on without a time, or once the time has passed', () => {
    expect(muteState(null, now)).toEqual({ kind: 'on' })
    expect(muteState(undefined, now)).toEqual({ kind: 'on' })
    expect(muteState(at(14, 13), now)).toEqual({ kind: 'on' })
  })

  it('is off until a time, or off for good in the year 9999', () => {
    expect(muteState(at(14, 14, 30), now)).toEqual({ kind: 'until', until: at(14, 14, 30) })
    expect(muteState('9999-01-01T00:00:00+00:00', now)).toEqual({ kind: 'off' })
  })
})

describe('mutedLabel', () => {
  it('says until when, with the day when it is not today', () => {
    expect(mutedLabel({ kind: 'until', until: at(14, 14, 30) }, t('ru'), 'ru', now)).toBe(
      'Уведомления выключены до 14:30',
    )
    expect(mutedLabel({ kind: 'until', until: at(15, 13, 30) }, t('ru'), 'ru', now)).toBe(
      'Уведомления выключены до 15 мая, 13:30',
    )
    expect(mutedLabel({ kind: 'until', until: at(14, 14, 30) }, t('en'), 'en', now)).toBe(
      'Notifications off until 14:30',
    )
  })

  it('says just "off" when off until turned on, and nothing when on', () => {
    expect(mutedLabel({ kind: 'off' }, t('ru'), 'ru', now)).toBe('Уведомления выключены')
    expect(mutedLabel({ kind: 'on' }, t('ru'), 'ru', now)).toBeNull()
  })
})

describe('quietLine', () => {
  it('tells the sender when a member in quiet hours hears of a message', () => {
    expect(quietLine(at(14, 18), t('ru'), 'ru', now)).toBe('получит уведомление в 18:00')
    expect(quietLine(at(15, 8), t('ru'), 'ru', now)).toBe('получит уведомление 15 мая в 08:00')
    expect(quietLine(at(15, 8), t('en'), 'en', now)).toBe('will be notified on 15 May at 08:00')
  })
})
