import { describe, expect, it } from 'vitest'
import type { Person } from './api'
import { classPeople } from './MyClassSection'

function person(over: Partial<Person>): Person {
  return {
    membershipId: over.accountId ?? 'm',
    accountId: 'a',
    displayName: 'Имя',
    role: 'Student',
    status: 'Confirmed',
    classId: null,
    className: null,
    login: null,
    phone: null,
    email: null,
    children: [],
    guardians: [],
    managed: true,
    signInLinks: [],
    ...over,
  }
}

describe('a class teacher’s class', () => {
  const people = [
    person({ accountId: 's1', classId: '5a' }),
    person({ accountId: 's2', classId: '6b' }),
    person({ accountId: 's3', classId: '5a', status: 'Pending' }),
    person({ accountId: 'p1', role: 'Parent', children: [{ linkId: 'l1', accountId: 's1', displayName: 'Ваня' }] }),
    person({ accountId: 'p2', role: 'Parent', children: [{ linkId: 'l2', accountId: 's2', displayName: 'Аня' }] }),
    person({ accountId: 't1', role: 'Teacher' }),
  ]

  it('holds its confirmed students and their parents, nobody else', () => {
    const { students, parents } = classPeople(people, '5a')
    expect(students.map((p) => p.accountId)).toEqual(['s1'])
    expect(parents.map((p) => p.accountId)).toEqual(['p1'])
  })
})
