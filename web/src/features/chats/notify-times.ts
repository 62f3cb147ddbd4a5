import { formatDay, formatTime, isSameDay } from '../../lib/format'
import type { Translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import type { ChatKey } from './texts'

// A chat's notifications as the server keeps them (ChatSummary.notificationsOffUntil: null on, a time off until then,
// the year 9999 off until turned on) and a member's quiet hours (ChatMember.quietUntil), in words.

export type MuteState = { kind: 'on' } | { kind: 'until'; until: string } | { kind: 'off' }

export function muteState(offUntil: string | null | undefined, now: Date = new Date()): MuteState {
  if (!offUntil) return { kind: 'on' }
  const until = new Date(offUntil)
  if (Number.isNaN(until.getTime()) || until <= now) return { kind: 'on' }
  return until.getUTCFullYear() >= 9999 ? { kind: 'off' } : { kind: 'until', until: offUntil }
}

/** "14:30" today, "12 марта, 14:30" another day. */
export function timeFromNow(iso: string, language: Language, now: Date = new Date()): string {
  const time = formatTime(iso, language)
  return isSameDay(iso, now) ? time : `${formatDay(iso, language, now)}, ${time}`
}

/** "Уведомления выключены до 14:30", "Уведомления выключены"; null when they are on. */
export function mutedLabel(state: MuteState, t: Translate<ChatKey>, language: Language, now: Date = new Date()) {
  if (state.kind === 'on') return null
  if (state.kind === 'off') return t('mutedForever')
  return t('mutedUntil', { time: timeFromNow(state.until, language, now) })
}

/** Beside a member in quiet hours: "получит уведомление в 08:00" (the day too when it is not today). */
export function quietLine(quietUntil: string, t: Translate<ChatKey>, language: Language, now: Date = new Date()) {
  const time = formatTime(quietUntil, language)
  return isSameDay(quietUntil, now)
    ? t('quietUntil', { time })
    : t('quietUntilDay', { day: formatDay(quietUntil, language, now), time })
}
