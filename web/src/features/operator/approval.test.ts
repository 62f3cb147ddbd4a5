import { describe, expect, it } from 'vitest'
import { approvalOutcome } from './api'

describe('approvalOutcome', () => {
  it('says an existing account was invited instead of a new administrator made', () => {
    expect(
      approvalOutcome({
        schoolId: 's',
        adminLogin: null,
        activationUrl: null,
        invitedExistingAccount: true,
        mailConfigured: false,
        mailSent: false,
      }),
    ).toEqual({ kind: 'invited' })
  })

  it('gives a new administrator’s activation link and login', () => {
    expect(
      approvalOutcome({
        schoolId: 's',
        adminLogin: 'petrova.m',
        activationUrl: 'https://sfera.example/activate?code=X',
        invitedExistingAccount: false,
        mailConfigured: false,
        mailSent: false,
      }),
    ).toEqual({ kind: 'activation', activationUrl: 'https://sfera.example/activate?code=X', adminLogin: 'petrova.m' })
  })

  it('falls back to the login of an administrator who already has a password', () => {
    expect(
      approvalOutcome({
        schoolId: 's',
        adminLogin: 'petrova.m',
        activationUrl: null,
        invitedExistingAccount: false,
        mailConfigured: false,
        mailSent: false,
      }),
    ).toEqual({ kind: 'hasPassword', adminLogin: 'petrova.m' })
  })
})
