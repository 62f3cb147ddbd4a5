import { describe, expect, it } from 'vitest'
import { splitLogin } from './login-kind'

describe('splitLogin', () => {
  it('recognises an e-mail', () => {
    expect(splitLogin(' anna@example.org ')).toEqual({ email: 'anna@example.org' })
  })

  it('recognises a phone in the usual Russian spellings', () => {
    expect(splitLogin('+7 (916) 123-45-67')).toEqual({ phone: '+7 (916) 123-45-67' })
    expect(splitLogin('89161234567')).toEqual({ phone: '89161234567' })
  })

  it('treats anything else as a login name, lower-cased', () => {
    expect(splitLogin('Ivan.Petrov')).toEqual({ login: 'ivan.petrov' })
    expect(splitLogin('12345')).toEqual({ login: '12345' })
  })

  it('gives nothing for an empty box', () => {
    expect(splitLogin('  ')).toEqual({})
  })
})
