import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration } from './format'

describe('formatBytes', () => {
  it('picks a unit and writes the number the language way', () => {
    expect(formatBytes(512, 'ru')).toBe('512 Б')
    expect(formatBytes(1536, 'ru')).toBe('1,5 КБ')
    expect(formatBytes(25 * 1024 * 1024, 'ru')).toBe('25 МБ')
    expect(formatBytes(1.25 * 1024 ** 3, 'en')).toBe('1.3 GB')
    expect(formatBytes(0, 'en')).toBe('0 B')
  })
})

describe('formatDuration', () => {
  it('writes minutes and seconds, and hours from an hour', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(7)).toBe('0:07')
    expect(formatDuration(192)).toBe('3:12')
    expect(formatDuration(59 * 60 + 59)).toBe('59:59')
    expect(formatDuration(3600)).toBe('1:00:00')
    expect(formatDuration(3725.8)).toBe('1:02:05')
    expect(formatDuration(-3)).toBe('0:00')
  })
})
