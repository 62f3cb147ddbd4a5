import { describe, expect, it } from 'vitest'
import { formatBytes } from './format'

describe('formatBytes', () => {
  it('picks a unit and writes the number the language way', () => {
    expect(formatBytes(512, 'ru')).toBe('512 Б')
    expect(formatBytes(1536, 'ru')).toBe('1,5 КБ')
    expect(formatBytes(25 * 1024 * 1024, 'ru')).toBe('25 МБ')
    expect(formatBytes(1.25 * 1024 ** 3, 'en')).toBe('1.3 GB')
    expect(formatBytes(0, 'en')).toBe('0 B')
  })
})
