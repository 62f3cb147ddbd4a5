import { describe, expect, it } from 'vitest'
import type { ChatSummary } from '../../lib/api-types'
import { chatsWithOthersRead, pendingState, stateTextKey, storedState } from './read-state'
import { messageTexts } from './texts'

const chat = (othersReadSeq: number, id = 'c') => ({ id, othersReadSeq }) as ChatSummary

describe('message state', () => {
  it('is sending, then failed or stored, while the server has not answered', () => {
    expect(pendingState({ status: 'sending' })).toBe('sending')
    expect(pendingState({ status: 'failed' })).toBe('failed')
  })

  it('is read once another member has read as far as the message, else sent', () => {
    expect(storedState({ seq: 5 }, chat(0))).toBe('sent')
    expect(storedState({ seq: 5 }, chat(4))).toBe('sent')
    expect(storedState({ seq: 5 }, chat(5))).toBe('read')
    expect(storedState({ seq: 5 }, chat(9))).toBe('read')
    // A summary from before the server said how far the others read.
    expect(storedState({ seq: 1 }, {} as ChatSummary)).toBe('sent')
  })

  it('is called read by the other person in a personal chat and by at least one member in a group', () => {
    expect(stateTextKey('read', 'Personal')).toBe('statusRead')
    expect(stateTextKey('read', 'Class')).toBe('statusReadBySome')
    expect(stateTextKey('sent', 'Group')).toBe('statusSent')
    expect(stateTextKey('sending', 'Personal')).toBe('statusSending')
    expect(stateTextKey('failed', 'Group')).toBe('statusFailed')
    const keys = (['sending', 'failed', 'sent', 'read'] as const).flatMap((s) => [
      stateTextKey(s, 'Personal'),
      stateTextKey(s, 'Group'),
    ])
    for (const key of keys) expect(messageTexts.ru[key]).toBeTruthy()
  })

  it('moves to read as others read further, never back', () => {
    const chats = [chat(3, 'a'), chat(3, 'b')]
    expect(chatsWithOthersRead(chats, 'a', 7).map((c) => c.othersReadSeq)).toEqual([7, 3])
    expect(chatsWithOthersRead(chats, 'a', 2)).toEqual(chats)
  })
})
