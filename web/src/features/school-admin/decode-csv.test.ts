import { describe, expect, it } from 'vitest'
import { decodeCsv } from './decode-csv'

describe('decodeCsv', () => {
  it('reads UTF-8 and drops the byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFроль;ФИО\nученик;Иванов Пётр')
    expect(decodeCsv(bytes)).toBe('роль;ФИО\nученик;Иванов Пётр')
  })

  it('falls back to Windows-1251, as Excel saves it in Russia', () => {
    // "роль" in Windows-1251
    const bytes = new Uint8Array([0xf0, 0xee, 0xeb, 0xfc])
    expect(decodeCsv(bytes)).toBe('роль')
  })
})
