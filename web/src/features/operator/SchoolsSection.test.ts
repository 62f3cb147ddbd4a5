import { describe, expect, it } from 'vitest'
import { parseGigabytes } from './SchoolsSection'

describe('parseGigabytes', () => {
  it('reads whole and decimal gigabytes with a comma or a dot', () => {
    expect(parseGigabytes('25')).toBe(25 * 1024 ** 3)
    expect(parseGigabytes('0,5')).toBe(512 * 1024 ** 2)
    expect(parseGigabytes(' 1.5 ')).toBe(1.5 * 1024 ** 3)
    expect(parseGigabytes('0')).toBe(0)
  })

  it('refuses what is not a size', () => {
    expect(parseGigabytes('')).toBeNull()
    expect(parseGigabytes('много')).toBeNull()
    expect(parseGigabytes('-1')).toBeNull()
  })
})
