import { describe, expect, it } from 'vitest'
import { currentSchoolYear, schoolYearLabel } from './school-year'

describe('school year', () => {
  it('starts in September', () => {
    expect(currentSchoolYear(new Date(2026, 10, 28))).toBe(2026)
    expect(currentSchoolYear(new Date(2027, 2, 1))).toBe(2026)
    expect(currentSchoolYear(new Date(2027, 8, 1))).toBe(2027)
  })

  it('is written as 2026/27', () => {
    expect(schoolYearLabel(2026)).toBe('2026/27')
    expect(schoolYearLabel(2099)).toBe('2099/00')
  })
})
