import { describe, expect, it } from 'vitest'
import type { ChatSummary, Message, PollResponse } from '../../lib/api-types'
import type { MessageWindow } from '../messages/window'
import { chatsWithPoll, pinsWithPoll, withPoll } from './cache'

const other = 'other'

function msg(seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    chatId: 'c',
    seq,
    version: seq,
    senderId: other,
    senderName: 'Мария',
    clientId: `k${seq}`,
    text: `text ${seq}`,
    replyTo: null,
    forwardedFrom: null,
    mentions: [],
    mentionsAll: false,
    reactions: [],
    pinned: false,
    requiresConfirmation: false,
    confirmedCount: 0,
    createdAt: new Date(Date.UTC(2026, 0, 1, 8, seq)).toISOString(),
    editedAt: null,
    deleted: false,
    attachments: [],
    poll: null,
    call: null,
    ...patch,
  }
}

function win(seqs: number[], patch: Partial<MessageWindow> = {}): MessageWindow {
  return { items: seqs.map((s) => msg(s)), hasMoreBefore: false, hasMoreAfter: false, pending: [], ...patch }
}

describe('PollUpdated', () => {
  const results = (votes: number[], myChoice: string[] | null): PollResponse => ({
    id: 'p',
    messageId: 'm3',
    question: 'Когда?',
    multiple: false,
    anonymous: false,
    closesAt: null,
    closed: false,
    voterCount: votes.reduce((a, b) => a + b, 0),
    options: votes.map((v, i) => ({ id: `o${i}`, text: `${i}`, votes: v, voters: null })),
    myChoice,
  })

  it('moves the results of the poll in the held message and keeps the choice I already know', () => {
    const w = win([2, 3, 4])
    w.items[1] = { ...w.items[1], text: 'Когда?', poll: results([1, 0], ['o0']) }
    const next = withPoll(w, results([1, 1], null))
    expect(next.items[1].poll?.options.map((o) => o.votes)).toEqual([1, 1])
    expect(next.items[1].poll?.myChoice).toEqual(['o0'])
    expect(next.items[0]).toBe(w.items[0])
  })

  it('takes my choice when the event is my own vote from another tab', () => {
    const w = win([3])
    w.items[0] = { ...w.items[0], poll: results([0, 0], null) }
    expect(withPoll(w, results([0, 1], ['o1'])).items[0].poll?.myChoice).toEqual(['o1'])
  })

  it('leaves the window alone when it does not hold the message, or the message was deleted', () => {
    const w = win([5, 6])
    expect(withPoll(w, results([1], null))).toBe(w)
    const deleted = win([3])
    deleted.items[0] = { ...deleted.items[0], deleted: true }
    expect(withPoll(deleted, results([1], null))).toBe(deleted)
  })

  it('updates the chat list preview and the pins', () => {
    const last = { ...msg(3), poll: results([0, 0], null) }
    const chats = [{ id: 'c', lastMessage: last } as ChatSummary, { id: 'd', lastMessage: null } as ChatSummary]
    const next = chatsWithPoll(chats, 'c', results([2, 0], null))
    expect(next[0].lastMessage?.poll?.voterCount).toBe(2)
    expect(next[1]).toBe(chats[1])
    expect(pinsWithPoll([last], results([0, 3], null))[0].poll?.voterCount).toBe(3)
  })
})
