import { describe, expect, it } from 'vitest'
import type { GuestCall } from '../../lib/api-types'
import { participantOf, publishersKey } from './group-status'
import { guestCallOf, guestPhase } from './guest-session'

const teacher = {
  accountId: 'teacher',
  displayName: 'Анна Петровна',
  state: 'Joined' as const,
  joinedAt: '2026-12-02T10:00:00Z',
  publishing: true,
  mutedByHost: false,
  cameraOffByHost: false,
  handRaisedAt: null,
  guest: false,
  micOff: false,
  cameraOff: false,
  sharingSince: null,
}

function state(patch: Partial<GuestCall>): GuestCall {
  return { state: 'Waiting', ended: false, video: true, startedBy: null, participants: [], ...patch }
}

describe('a guest sees the call', () => {
  it('as waiting, with only themselves in it, until let in', () => {
    const call = guestCallOf(state({}), 'me')
    expect(participantOf(call, 'me')?.state).toBe('Waiting')
    expect(call.participants).toHaveLength(1)
    expect(guestPhase(state({}), 'joining')).toBe('waiting')
  })

  it('with the others and who leads once let in, and receives those who publish', () => {
    const me = { ...teacher, accountId: 'me', displayName: 'Бабушка', publishing: false, guest: true }
    const inside = state({ state: 'Joined', startedBy: 'teacher', participants: [teacher, me] })
    const call = guestCallOf(inside, 'me')
    expect(call.startedBy).toBe('teacher')
    expect(call.participants).toHaveLength(2)
    expect(publishersKey(call, 'me')).toBe('teacher@2026-12-02T10:00:00Z')
    expect(guestPhase(inside, 'waiting')).toBe('connecting')
    expect(guestPhase(inside, 'active')).toBe('active')
  })

  it('turned away while waiting, removed once in, ended, or let go', () => {
    expect(guestPhase(state({ state: 'Removed' }), 'waiting')).toBe('denied')
    expect(guestPhase(state({ state: 'Removed' }), 'active')).toBe('removed')
    expect(guestPhase(state({ state: 'Joined', ended: true }), 'active')).toBe('ended')
    expect(guestCallOf(state({ ended: true }), 'me').endedAt).not.toBeNull()
    expect(guestPhase(state({ state: 'Left' }), 'active')).toBe('refused')
  })
})
