import { describe, expect, it } from 'vitest'
import type { CallParticipant, CallResponse } from '../../lib/api-types'
import { initials, missedBy, phaseOf, ringsFor, statusKey } from './status'

const me = 'me'
const them = 'them'

function call(mine: CallParticipant['state'], theirs: CallParticipant['state'], end?: CallResponse['endReason']) {
  const person = (accountId: string, state: CallParticipant['state']): CallParticipant => ({
    accountId,
    displayName: accountId,
    state,
    joinedAt: state === 'Joined' ? '2026-03-01T08:00:00Z' : null,
    publishing: false,
    mutedByHost: false,
    cameraOffByHost: false,
    handRaisedAt: null,
    guest: false,
    micOff: false,
    cameraOff: false,
    sharingSince: null,
  })
  return {
    id: 'c',
    chatId: 'chat',
    kind: 'Direct',
    video: true,
    startedBy: them,
    startedAt: '2026-03-01T08:00:00Z',
    ringUntil: null,
    answeredAt: null,
    endedAt: end ? '2026-03-01T08:01:00Z' : null,
    endReason: end ?? null,
    participants: [person(them, theirs), person(me, mine)],
    locked: false,
    micsLocked: false,
    waitingRoom: false,
  } satisfies CallResponse
}

describe('ringing', () => {
  it('rings while I am being called and the call goes on', () => {
    expect(ringsFor(call('Ringing', 'Joined'), me)).toBe(true)
    expect(ringsFor(call('Joined', 'Joined'), me)).toBe(false)
    expect(ringsFor(call('Ringing', 'Joined'), them)).toBe(false)
    expect(ringsFor(call('Left', 'Left', 'Missed'), me)).toBe(false)
  })

  it('knows a missed call', () => {
    expect(missedBy(call('Left', 'Left', 'Missed'))).toBe(true)
    expect(missedBy(call('Declined', 'Left', 'Declined'))).toBe(false)
    expect(missedBy(call('Ringing', 'Joined'))).toBe(false)
  })
})

describe('the phase of a call', () => {
  it('calls until the other person is in, then connects, then talks', () => {
    expect(phaseOf(call('Joined', 'Ringing'), me, 'new')).toBe('calling')
    expect(phaseOf(call('Joined', 'Joined'), me, 'connecting')).toBe('connecting')
    expect(phaseOf(call('Joined', 'Joined'), me, 'connected')).toBe('active')
    expect(phaseOf(call('Joined', 'Joined'), me, 'disconnected')).toBe('active')
    expect(phaseOf(call('Left', 'Left', 'Ended'), me, 'connected')).toBe('ended')
  })
})

describe('the status line', () => {
  const base = { video: true, caller: true, link: 'new', endReason: null } as const

  it('follows the call', () => {
    expect(statusKey({ ...base, phase: 'preparing' })).toBe('preparingVideo')
    expect(statusKey({ ...base, phase: 'preparing', video: false })).toBe('preparing')
    expect(statusKey({ ...base, phase: 'calling' })).toBe('calling')
    expect(statusKey({ ...base, phase: 'connecting', link: 'connecting' })).toBe('connecting')
    expect(statusKey({ ...base, phase: 'connecting', link: 'failed' })).toBe('failed')
    expect(statusKey({ ...base, phase: 'active', link: 'connected' })).toBe('active')
    expect(statusKey({ ...base, phase: 'active', link: 'disconnected' })).toBe('interrupted')
  })

  it('says how it ended', () => {
    expect(statusKey({ ...base, phase: 'ended', endReason: 'Ended' })).toBe('ended')
    expect(statusKey({ ...base, phase: 'ended', endReason: 'Declined' })).toBe('declined')
    expect(statusKey({ ...base, phase: 'ended', endReason: 'Missed' })).toBe('noAnswer')
    expect(statusKey({ ...base, phase: 'ended', endReason: 'Missed', caller: false })).toBe('ended')
  })

  it('says why a call was not placed', () => {
    expect(statusKey({ ...base, phase: 'refused', refusal: 'busy' })).toBe('busy')
    expect(statusKey({ ...base, phase: 'refused', refusal: 'call-in-progress' })).toBe('inProgress')
    expect(statusKey({ ...base, phase: 'refused', refusal: 'contact-policy' })).toBe('notPlaced')
    expect(statusKey({ ...base, phase: 'refused' })).toBe('notPlaced')
    expect(statusKey({ ...base, phase: 'refused', caller: false, refusal: 'call-ended' })).toBe('failed')
  })
})

describe('initials', () => {
  it('take the first letters of the first two words', () => {
    expect(initials('Ольга Сидорова')).toBe('ОС')
    expect(initials('мария ивановна петрова')).toBe('МИ')
    expect(initials('  ')).toBe('')
  })
})
