import { describe, expect, it } from 'vitest'
import type { CallParticipant, CallResponse } from '../../lib/api-types'
import {
  featuredOf,
  groupStatusKey,
  isHost,
  joinedPeople,
  mediaStateOf,
  phaseFromCall,
  publishersKey,
  raisedHands,
  speakersAfter,
  waitingPeople,
} from './group-status'

function person(accountId: string, patch: Partial<CallParticipant> = {}): CallParticipant {
  return {
    accountId,
    displayName: accountId,
    state: 'Joined',
    joinedAt: '2026-01-01T10:00:00Z',
    publishing: true,
    mutedByHost: false,
    cameraOffByHost: false,
    handRaisedAt: null,
    guest: false,
    micOff: false,
    cameraOff: false,
    sharingSince: null,
    ...patch,
  }
}

function call(participants: CallParticipant[], patch: Partial<CallResponse> = {}): CallResponse {
  return {
    id: 'call',
    chatId: 'chat',
    kind: 'Group',
    video: true,
    startedBy: 'teacher',
    startedAt: '2026-01-01T10:00:00Z',
    ringUntil: null,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    participants,
    locked: false,
    micsLocked: false,
    waitingRoom: true,
    ...patch,
  }
}

describe('group call status', () => {
  const lesson = call([
    person('teacher'),
    person('anna', { joinedAt: '2026-01-01T10:01:00Z', handRaisedAt: '2026-01-01T10:05:00Z' }),
    person('boris', { joinedAt: '2026-01-01T10:00:30Z', handRaisedAt: '2026-01-01T10:04:00Z', publishing: false }),
    person('vera', { state: 'Waiting', joinedAt: '2026-01-01T10:03:00Z' }),
    person('gleb', { state: 'Waiting', joinedAt: '2026-01-01T10:02:00Z' }),
    person('dina', { state: 'Left' }),
  ])

  it('lists who is in, who waits and whose hands are up, in order', () => {
    expect(joinedPeople(lesson).map((p) => p.accountId)).toEqual(['teacher', 'boris', 'anna'])
    expect(waitingPeople(lesson).map((p) => p.accountId)).toEqual(['gleb', 'vera'])
    expect(raisedHands(lesson).map((p) => p.accountId)).toEqual(['boris', 'anna'])
  })

  it('keys the publishers other than me, so a new tab (a new joinedAt) counts as a change', () => {
    expect(publishersKey(lesson, 'anna')).toBe('teacher@2026-01-01T10:00:00Z')
    const moved = call([person('teacher', { joinedAt: '2026-01-01T10:09:00Z' }), person('anna')])
    expect(publishersKey(moved, 'anna')).not.toBe(publishersKey(lesson, 'anna'))
    expect(publishersKey(call([person('anna')]), 'anna')).toBe('')
  })

  it('takes the starter, moderators, teachers and administrators for hosts', () => {
    const nobody = { chatModerator: false, schoolRoles: ['Student' as const] }
    expect(isHost(lesson, 'teacher', nobody)).toBe(true)
    expect(isHost(lesson, 'anna', nobody)).toBe(false)
    expect(isHost(lesson, 'anna', { ...nobody, chatModerator: true })).toBe(true)
    expect(isHost(lesson, 'anna', { chatModerator: false, schoolRoles: ['Parent', 'Teacher'] })).toBe(true)
    expect(isHost(lesson, 'anna', { chatModerator: false, schoolRoles: ['Admin'] })).toBe(true)
  })

  it('moves from the waiting room into the call, or says I was turned away or removed', () => {
    expect(phaseFromCall(lesson, 'vera', 'joining')).toBe('waiting')
    expect(phaseFromCall(lesson, 'anna', 'waiting')).toBe('connecting')
    expect(phaseFromCall(lesson, 'anna', 'active')).toBe('active')
    const turnedAway = call([person('vera', { state: 'Removed' })])
    expect(phaseFromCall(turnedAway, 'vera', 'waiting')).toBe('denied')
    expect(phaseFromCall(turnedAway, 'vera', 'active')).toBe('removed')
    expect(phaseFromCall(call([], { endedAt: '2026-01-01T11:00:00Z' }), 'anna', 'active')).toBe('ended')
  })

  it('says how the call goes', () => {
    expect(groupStatusKey('waiting', 'new')).toBe('waiting')
    expect(groupStatusKey('connecting', 'failed')).toBe('failed')
    expect(groupStatusKey('active', 'connected')).toBe('active')
    expect(groupStatusKey('active', 'disconnected')).toBe('interrupted')
    expect(groupStatusKey('removed', 'new')).toBe('removed')
  })

  it('keeps the latest speakers first', () => {
    expect(speakersAfter(['a', 'b', 'c'], 'c', true)).toEqual(['c', 'a', 'b'])
    expect(speakersAfter(['a', 'b'], 'a', false)).toEqual(['a', 'b'])
    expect(speakersAfter(['a', 'b', 'c'], 'd', true, 3)).toEqual(['d', 'a', 'b'])
  })
})

describe('who everyone receives large', () => {
  it('is the one who started the call, until someone shares a screen; then the latest to share', () => {
    const people = [person('teacher'), person('pupil'), person('other')]
    expect(featuredOf(call(people))).toBe('teacher')
    const sharing = [person('teacher'), person('pupil', { sharingSince: '2026-01-01T10:05:00Z' }), person('other')]
    expect(featuredOf(call(sharing))).toBe('pupil')
    const two = [...sharing.slice(0, 2), person('other', { sharingSince: '2026-01-01T10:06:00Z' })]
    expect(featuredOf(call(two))).toBe('other')
  })

  it('is not someone who left while sharing', () => {
    const people = [person('teacher'), person('pupil', { state: 'Left', sharingSince: '2026-01-01T10:05:00Z' })]
    expect(featuredOf(call(people))).toBe('teacher')
  })
})

describe('what my tab tells the others it sends', () => {
  const stream = { getAudioTracks: () => [{}] } as unknown as MediaStream
  const silent = { getAudioTracks: () => [] } as unknown as MediaStream

  it('says the microphone is off when muted, or when listening only', () => {
    const on = { local: stream, micOn: true, hasCamera: true, cameraOn: true, sharing: false }
    expect(mediaStateOf(on)).toEqual({ micOn: true, cameraOn: true, sharing: false })
    expect(mediaStateOf({ ...on, micOn: false }).micOn).toBe(false)
    expect(mediaStateOf({ ...on, local: silent }).micOn).toBe(false)
    expect(mediaStateOf({ ...on, local: null }).micOn).toBe(false)
  })

  it('sends a picture while the screen is shown, even with the camera off; none without a camera', () => {
    const on = { local: stream, micOn: true, hasCamera: false, cameraOn: true, sharing: false }
    expect(mediaStateOf(on).cameraOn).toBe(false)
    expect(mediaStateOf({ ...on, sharing: true })).toEqual({ micOn: true, cameraOn: true, sharing: true })
  })
})
