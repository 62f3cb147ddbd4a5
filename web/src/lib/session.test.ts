import { describe, expect, it } from 'vitest'
import type { Me, MyMembership } from './api-types'
import { landingPath } from './session'

const membership = (
  schoolId: string,
  status: MyMembership['status'] = 'Confirmed',
  role: MyMembership['role'] = 'Student',
): MyMembership => ({
  membershipId: `${schoolId}-${role}`,
  schoolId,
  schoolName: schoolId,
  schoolType: 'School',
  role,
  status,
  classId: null,
  className: null,
})
const me = (memberships: MyMembership[], isOperator = false): Me => ({
  id: 'a',
  displayName: 'Анна',
  login: 'anna',
  email: null,
  phone: null,
  isOperator,
  twoFactorEnabled: false,
  memberships,
})

describe('landingPath', () => {
  it('opens the chat list of the one school a person is in', () => {
    expect(landingPath(me([membership('s1')]))).toBe('/school/s1/chats')
    // A teacher who is also a parent there: still one school.
    expect(landingPath(me([membership('s1', 'Confirmed', 'Teacher'), membership('s1', 'Confirmed', 'Parent')]))).toBe(
      '/school/s1/chats',
    )
  })

  it('goes home with several schools, none confirmed yet, or for the operator', () => {
    expect(landingPath(me([membership('s1'), membership('s2')]))).toBe('/')
    expect(landingPath(me([membership('s1', 'Pending')]))).toBe('/')
    expect(landingPath(me([]))).toBe('/')
    expect(landingPath(me([membership('s1')], true))).toBe('/')
    expect(landingPath(null)).toBe('/')
  })
})
