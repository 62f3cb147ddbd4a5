import { describe, expect, it } from 'vitest'
import { ApiError, type Problem } from '../../lib/problem'
import { activationCode, completionOf, inviteToken, reasonKey } from './external-flow'

const type = (key: string) => `https://sfera.local/problems/${key}`

function failure(problem: Partial<Problem>): ApiError {
  return new ApiError({ status: 400, title: 'Ошибка', errors: {}, extensions: {}, ...problem })
}

describe('the page after an external sign-in', () => {
  it('says why the provider sent the person back, an unknown reason being a failed check', () => {
    expect(reasonKey('cancelled')).toBe('reasonCancelled')
    expect(reasonKey('unreachable')).toBe('reasonUnreachable')
    expect(reasonKey('failed')).toBe('reasonFailed')
    expect(reasonKey('signed_out')).toBe('reasonSignedOut')
    expect(reasonKey('<script>')).toBe('reasonFailed')
  })

  it('asks for the authenticator code, and shows a wrong one beside its field', () => {
    const required = failure({ status: 401, type: type('totp-required'), extensions: { totpRequired: true } })
    expect(completionOf(required)).toEqual({ kind: 'totp' })
    const wrong = failure({ status: 401, type: type('totp-wrong'), title: 'Неверный код.', extensions: {} })
    expect(completionOf(wrong)).toEqual({ kind: 'totp', wrong: 'Неверный код.' })
  })

  it('offers a code or an invite for an identity nobody has linked, naming the provider', () => {
    const notLinked = failure({ status: 404, type: type('external-not-linked'), extensions: { providerName: 'VK ID' } })
    expect(completionOf(notLinked)).toEqual({ kind: 'notLinked', providerName: 'VK ID' })
  })

  it('shows the server’s refusal and leads back where the flow started', () => {
    const refused = (key: string, status: number) =>
      completionOf(failure({ status, type: type(key), title: `title of ${key}` }))
    expect(refused('external-expired', 404)).toEqual({
      kind: 'refused',
      title: 'title of external-expired',
      back: 'signin',
    })
    expect(refused('locked-out', 429)).toEqual({ kind: 'refused', title: 'title of locked-out', back: 'signin' })
    expect(refused('external-linked-elsewhere', 409)).toMatchObject({ kind: 'refused', back: 'account' })
    expect(refused('external-provider-linked', 409)).toMatchObject({ kind: 'refused', back: 'account' })
    expect(refused('csrf', 400)).toMatchObject({ kind: 'refused', back: 'signin' })
  })

  it('offers to try again when there was no answer or the server failed', () => {
    expect(completionOf(failure({ status: 0, title: 'Нет связи с сервером.' }))).toEqual({
      kind: 'failed',
      title: 'Нет связи с сервером.',
    })
    expect(completionOf(failure({ status: 503, title: 'Попробуйте позже.' }))).toMatchObject({ kind: 'failed' })
    expect(completionOf(new Error('boom'))).toEqual({ kind: 'failed', title: 'boom' })
  })
})

describe('going on with an invite', () => {
  const token = 'aB3_-x9ZqLmN0pQrStUvWxYz'

  it('takes the token from a full link, a link without the scheme, or the token itself', () => {
    expect(inviteToken(`https://school.example/join/${token}`)).toBe(token)
    expect(inviteToken(`  https://school.example/join/${token}?utm=1 `)).toBe(token)
    expect(inviteToken(`school.example/join/${token}/`)).toBe(token)
    expect(inviteToken(`/join/${token}#top`)).toBe(token)
    expect(inviteToken(token)).toBe(token)
  })

  it('refuses anything else', () => {
    expect(inviteToken('')).toBeNull()
    expect(inviteToken('   ')).toBeNull()
    expect(inviteToken('https://school.example/activate?code=ABCD-EFGH-JKLM')).toBeNull()
    expect(inviteToken('join/abc')).toBeNull()
    expect(inviteToken('a token with spaces')).toBeNull()
    expect(inviteToken('../../api/v1/me')).toBeNull()
  })
})

describe('going on with an activation code', () => {
  it('takes the code as typed or from an activation link', () => {
    expect(activationCode(' ABCD-EFGH-JKLM ')).toBe('ABCD-EFGH-JKLM')
    expect(activationCode('https://school.example/activate?code=ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM')
    expect(activationCode('/activate?x=1&code=ABCD%2DEFGH&y=2')).toBe('ABCD-EFGH')
  })

  it('gives nothing for an empty box', () => {
    expect(activationCode('  ')).toBeNull()
  })
})
