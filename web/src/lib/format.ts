import type { Language } from './language'

const locales: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' }

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  )
}

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/** "12 марта" this year, "12 марта 2025 г." otherwise: for day separators and list times older than today. */
export function formatDay(iso: string, language: Language, now: Date = new Date()): string {
  const date = new Date(iso)
  const sameYear = date.getFullYear() === now.getFullYear()
  return new Intl.DateTimeFormat(
    locales[language],
    sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' },
  ).format(date)
}

export function isSameDay(a: string | Date, b: string | Date): boolean {
  const x = new Date(a)
  const y = new Date(b)
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate()
}

/** A message's time in a list (chats, search results): the time today, the date otherwise. */
export function listTime(iso: string, language: Language, now: Date = new Date()): string {
  return isSameDay(iso, now) ? formatTime(iso, language) : formatDay(iso, language, now)
}

const byteUnits: Record<Language, readonly string[]> = { ru: ['Б', 'КБ', 'МБ', 'ГБ'], en: ['B', 'KB', 'MB', 'GB'] }

/** A file size for people: "512 Б", "1,5 МБ" / "1.5 MB" (steps of 1024, one decimal from KB up). */
export function formatBytes(bytes: number, language: Language): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < byteUnits[language].length - 1) {
    value /= 1024
    unit++
  }
  const number = new Intl.NumberFormat(locales[language], { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)
  return `${number} ${byteUnits[language][unit]}`
}

/** How long a call lasted, or has lasted: "0:07", "3:12", from an hour "1:02:05". */
export function formatDuration(length: number): string {
  const total = Math.max(0, Math.floor(length))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  const seconds = pad(total % 60)
  return hours > 0 ? `${hours}:${pad(minutes)}:${seconds}` : `${minutes}:${seconds}`
}
