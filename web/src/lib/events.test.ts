import { describe, expect, it } from 'vitest'
import { serverEventNames } from './events'

describe('event catalogue', () => {
  it('lists every event the server sends (Realtime/Events.cs) exactly once', () => {
    expect([...serverEventNames].sort()).toEqual([
      'CallChanged',
      'CallSignal',
      'CallSpeaking',
      'ChatAdded',
      'ChatRemoved',
      'ChatUpdated',
      'ConfirmationRequested',
      'MembershipDecided',
      'MessageCreated',
      'MessageDeleted',
      'MessageUpdated',
      'PollUpdated',
      'PresenceChanged',
      'ReadUpdated',
      'Typing',
      'WaitingChanged',
    ])
  })
})
