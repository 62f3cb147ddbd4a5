import { describe, expect, it } from 'vitest'
import type { Me } from '../../lib/api-types'
import { ApiError, type Problem } from '../../lib/problem'
import { asksForTotp, destination, externalSignInUrl, shownErrors } from './signin-flow'

function failure(problem: Partial<Problem>): ApiError {
  return new ApiError({ status: 400, title: 'Ошибка', errors: {}, extensions: {}, ...problem })
}

const member = (schoolId: string, status = 'Confirmed') => ({ schoolId, status }) as Me['memberships'][number]
const me = (memberships: Me['memberships'], isOperator = false) => ({ memberships, isOperator }) as Me

describe('the sign-in page', () => {
  it('asks for the authenticator code when the server says so, and not as an error', () => {
    const required = failure({ type: 'https://sfera.local/problems/totp-required', extensions: { totpRequired: true } })
    expect(asksForTotp(required)).toBe(true)
    expect(shownErrors(required)).toEqual({ form: [] })
    expect(asksForTotp(failure({ title: 'Неверный логин или пароль.' }))).toBe(false)
  })

  it('shows a wrong code beside the code field', () => {
    const wrong = failure({ type: 'https://sfera.local/problems/totp-wrong', title: 'Неверный код.' })
    expect(shownErrors(wrong)).toEqual({ form: [], totpCode: 'Неверный код.' })
  })

  it('shows field errors beside their fields and the rest (locked out, say) above the form', () => {
    expect(shownErrors(failure({ errors: { login: ['Укажите логин.'] } }))).toEqual({
      form: [],
      login: 'Укажите логин.',
      password: undefined,
    })
    expect(shownErrors(failure({ status: 423, title: 'Вход временно заблокирован.' })).form).toEqual([
      'Вход временно заблокирован.',
    ])
    expect(shownErrors(null)).toEqual({ form: [] })
  })

  it('lands on the page that sent here (same site only), else the chats of the only school, else home', () => {
    expect(destination('/join/abc', null)).toBe('/join/abc')
    expect(destination('//evil.example', null)).toBe('/')
    expect(destination(null, me([member('s1')]))).toBe('/school/s1/chats')
    expect(destination(null, me([member('s1'), member('s2')]))).toBe('/')
    expect(destination(null, me([member('s1')], true))).toBe('/')
    expect(destination(null, null)).toBe('/')
  })

  it('starts an external sign-in at the server, which goes on to the provider', () => {
    expect(externalSignInUrl('vk')).toBe('/api/v1/auth/external/vk/start?purpose=sign-in')
    expect(externalSignInUrl('a/b?c')).toBe('/api/v1/auth/external/a%2Fb%3Fc/start?purpose=sign-in')
  })
})
