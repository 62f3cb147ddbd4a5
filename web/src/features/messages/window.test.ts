import { describe, expect, it } from 'vitest'
import type { ChatSummary, Message } from '../../lib/api-types'
import {
  chatsWithCreated,
  chatsWithRead,
  mergeMessages,
  type MessageWindow,
  pinsWithUpdated,
  unreadFromWindow,
  withCreated,
  withDeleted,
  withNewer,
  withOlder,
  withUpdated,
  maxVersion,
} from './window'

const me = 'me'
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

const seqs = (w: MessageWindow) => w.items.map((m) => m.seq)

describe('mergeMessages', () => {
  it('appends, prepends and interleaves without duplicates', () => {
    expect(mergeMessages([msg(3), msg(4)], [msg(5)]).map((m) => m.seq)).toEqual([3, 4, 5])
    expect(mergeMessages([msg(3), msg(4)], [msg(1), msg(2)]).map((m) => m.seq)).toEqual([1, 2, 3, 4])
    expect(mergeMessages([msg(3), msg(4), msg(5)], [msg(4), msg(5), msg(6)]).map((m) => m.seq)).toEqual([3, 4, 5, 6])
  })

  it('keeps a deletion or a later edit over an older copy', () => {
    const deleted = msg(4, { deleted: true, text: '' })
    expect(mergeMessages([msg(3), deleted], [msg(4)])[1].deleted).toBe(true)
    const edited = msg(4, { text: 'new', editedAt: '2026-01-01T09:00:00Z' })
    expect(mergeMessages([msg(3), edited], [msg(4)])[1].text).toBe('new')
    expect(mergeMessages([msg(3), msg(4)], [edited])[1].text).toBe('new')
  })
})

describe('window pages', () => {
  it('adds older and newer pages', () => {
    const w = win([10, 11], { hasMoreBefore: true, hasMoreAfter: true })
    const older = withOlder(w, { items: [msg(8), msg(9)], hasMoreBefore: false, hasMoreAfter: true })
    expect(seqs(older)).toEqual([8, 9, 10, 11])
    expect(older.hasMoreBefore).toBe(false)
    const newer = withNewer(older, { items: [msg(12)], hasMoreBefore: true, hasMoreAfter: false }, me)
    expect(seqs(newer)).toEqual([8, 9, 10, 11, 12])
    expect(newer.hasMoreAfter).toBe(false)
  })

  it('a catch-up page replaces my pending copy of a message I sent', () => {
    const w = win([1], { pending: [{ clientId: 'abc', text: 'hi', replyTo: null, status: 'sending', createdAt: '' }] })
    const next = withNewer(
      w,
      { items: [msg(2, { senderId: me, clientId: 'abc' })], hasMoreBefore: true, hasMoreAfter: false },
      me,
    )
    expect(next.pending).toEqual([])
  })
})

describe('withCreated', () => {
  it('appends the next message and ignores a repeat', () => {
    const once = withCreated(win([1, 2]), msg(3), me)
    expect(once.gap).toBe(false)
    expect(seqs(once.window)).toEqual([1, 2, 3])
    expect(seqs(withCreated(once.window, msg(3), me).window)).toEqual([1, 2, 3])
  })

  it('reports a gap instead of appending past it', () => {
    const result = withCreated(win([1, 2]), msg(5), me)
    expect(result.gap).toBe(true)
    expect(seqs(result.window)).toEqual([1, 2])
  })

  it('does not append to a window that does not hold the newest messages', () => {
    const result = withCreated(win([1, 2], { hasMoreAfter: true }), msg(9), me)
    expect(result.gap).toBe(false)
    expect(seqs(result.window)).toEqual([1, 2])
  })

  it('matches my pending send by client id', () => {
    const w = win([1], { pending: [{ clientId: 'abc', text: 'hi', replyTo: null, status: 'sending', createdAt: '' }] })
    expect(withCreated(w, msg(2, { senderId: me, clientId: 'abc' }), me).window.pending).toEqual([])
    expect(withCreated(w, msg(2, { senderId: other, clientId: 'abc' }), me).window.pending).toHaveLength(1)
  })
})

describe('edits and deletions', () => {
  it('updates the message and quotes of it', () => {
    const w = win([1, 2])
    w.items[1] = msg(2, { replyTo: { id: 'm1', seq: 1, senderName: 'Мария', text: 'text 1', deleted: false } })
    const edited = withUpdated(w, msg(1, { text: 'fixed', editedAt: '2026-01-01T10:00:00Z' }))
    expect(edited.items[0].text).toBe('fixed')
    expect(edited.items[1].replyTo?.text).toBe('fixed')
    const deleted = withDeleted(edited, 'm1')
    expect(deleted.items[0]).toMatchObject({ deleted: true, text: '' })
    expect(deleted.items[1].replyTo).toMatchObject({ deleted: true, text: '' })
  })
})

function chat(patch: Partial<ChatSummary> = {}): ChatSummary {
  return {
    id: 'c',
    kind: 'Group',
    title: 'Кружок',
    classId: null,
    lastSeq: 5,
    lastVersion: 5,
    lastReadSeq: 5,
    unreadCount: 0,
    lastMessage: msg(5),
    memberCount: 3,
    myRole: 'Member',
    moderatorsOnly: false,
    canPost: true,
    restriction: 'None',
    othersReadSeq: 0,
    notificationsOffUntil: null,
    ...patch,
  }
}

describe('chat list', () => {
  it('counts a new message from someone else as unread, once', () => {
    const once = chatsWithCreated([chat()], msg(6), me)!
    expect(once[0]).toMatchObject({ lastSeq: 6, unreadCount: 1, lastMessage: { seq: 6 } })
    expect(chatsWithCreated(once, msg(6), me)![0].unreadCount).toBe(1)
  })

  it('my own message moves my read mark', () => {
    const list = chatsWithCreated([chat({ unreadCount: 2, lastReadSeq: 3 })], msg(6, { senderId: me }), me)!
    expect(list[0]).toMatchObject({ lastReadSeq: 6, unreadCount: 0 })
  })

  it('puts the chat with the newest message first', () => {
    const quiet = chat({ id: 'q', lastMessage: msg(1, { chatId: 'q' }) })
    const list = chatsWithCreated([quiet, chat({ lastMessage: msg(0) })], msg(6), me)!
    expect(list.map((c) => c.id)).toEqual(['c', 'q'])
  })

  it('answers undefined for a chat it does not list', () => {
    expect(chatsWithCreated([chat()], msg(6, { chatId: 'x' }), me)).toBeUndefined()
  })

  it('moves the read mark forward only', () => {
    const list = [chat({ lastSeq: 9, lastReadSeq: 5, unreadCount: 4 })]
    expect(chatsWithRead(list, 'c', 9, null)[0]).toMatchObject({ lastReadSeq: 9, unreadCount: 0 })
    expect(chatsWithRead(list, 'c', 7, 2)[0]).toMatchObject({ lastReadSeq: 7, unreadCount: 2 })
    expect(chatsWithRead(list, 'c', 4, 0)[0]).toBe(list[0])
  })
})

describe('unreadFromWindow', () => {
  it('counts others’ live messages after the mark when the window covers them', () => {
    const w = win([1, 2, 3, 4])
    w.items[2] = msg(3, { senderId: me })
    w.items[3] = msg(4, { deleted: true })
    expect(unreadFromWindow(w, 1, 4, me)).toBe(1)
  })

  it('does not guess when the window misses part of the stretch', () => {
    expect(unreadFromWindow(win([5, 6], { hasMoreBefore: true }), 1, 6, me)).toBeNull()
    expect(unreadFromWindow(win([1, 2], { hasMoreAfter: true }), 1, 6, me)).toBeNull()
    expect(unreadFromWindow(win([1, 2]), 1, 6, me)).toBeNull()
  })
})

describe('pinsWithUpdated', () => {
  it('puts a new pin first, updates a pinned message in place and drops an unpinned or deleted one', () => {
    const pins = [msg(5, { pinned: true }), msg(2, { pinned: true })]
    expect(pinsWithUpdated(pins, msg(7, { pinned: true })).map((m) => m.seq)).toEqual([7, 5, 2])
    expect(pinsWithUpdated(pins, msg(2, { pinned: true, text: 'new' }))[1].text).toBe('new')
    expect(pinsWithUpdated(pins, msg(5)).map((m) => m.seq)).toEqual([2])
    expect(pinsWithUpdated(pins, msg(2, { pinned: true, deleted: true })).map((m) => m.seq)).toEqual([5])
  })

  it('keeps the same list when an unpinned message changes', () => {
    const pins = [msg(5, { pinned: true })]
    expect(pinsWithUpdated(pins, msg(3))).toBe(pins)
  })
})

describe('versions', () => {
  const base = {
    chatId: 'c',
    senderId: 'a',
    senderName: 'A',
    clientId: 'x',
    replyTo: null,
    forwardedFrom: null,
    mentions: [],
    mentionsAll: false,
    reactions: [],
    pinned: false,
    requiresConfirmation: false,
    confirmedCount: 0,
    createdAt: '2026-11-28T10:00:00Z',
    editedAt: null,
    deleted: false,
    attachments: [],
    poll: null,
    call: null,
  }
  const message = (id: string, seq: number, version: number, text: string): Message =>
    ({ ...base, id, seq, version, text }) as Message

  it('knows the newest change a window holds', () => {
    const window = {
      items: [message('1', 1, 7, 'a'), message('2', 2, 3, 'b')],
      hasMoreBefore: false,
      hasMoreAfter: false,
      pending: [],
    }
    expect(maxVersion(window)).toBe(7)
  })

  it('keeps the copy with the higher version, whichever arrives last', () => {
    const newer = { ...message('1', 1, 9, 'исправлено'), reactions: [{ emoji: '👍', accountId: 'b' }] }
    const older = message('1', 1, 4, 'было')
    expect(mergeMessages([newer], [older])[0].text).toBe('исправлено')
    expect(mergeMessages([older], [newer])[0].reactions).toHaveLength(1)
  })
})
