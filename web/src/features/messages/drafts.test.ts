import { describe, expect, it } from 'vitest'
import { createDraftStore, type DraftStorage, draftKey } from './drafts'

function memoryStorage(): DraftStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

const broken: DraftStorage = {
  getItem: () => {
    throw new Error('blocked')
  },
  setItem: () => {
    throw new Error('quota')
  },
  removeItem: () => {
    throw new Error('blocked')
  },
}

describe('draft store', () => {
  it('keeps a draft across a reload (a new store over the same storage)', () => {
    const storage = memoryStorage()
    createDraftStore(() => storage).save('me', 'chat-1', 'Завтра в 9:00 ')
    expect(createDraftStore(() => storage).load('me', 'chat-1')).toBe('Завтра в 9:00 ')
    expect(storage.items.get(draftKey('me', 'chat-1'))).toBe('Завтра в 9:00 ')
  })

  it('keeps drafts apart per chat and per person', () => {
    const storage = memoryStorage()
    const drafts = createDraftStore(() => storage)
    drafts.save('me', 'chat-1', 'первый')
    drafts.save('me', 'chat-2', 'второй')
    expect(drafts.load('me', 'chat-1')).toBe('первый')
    expect(drafts.load('me', 'chat-2')).toBe('второй')
    expect(createDraftStore(() => storage).load('brother', 'chat-1')).toBe('')
  })

  it('forgets a draft once it is emptied (sent)', () => {
    const storage = memoryStorage()
    const drafts = createDraftStore(() => storage)
    drafts.save('me', 'chat-1', 'текст')
    drafts.save('me', 'chat-1', '')
    expect(drafts.load('me', 'chat-1')).toBe('')
    expect(storage.items.size).toBe(0)
  })

  it('holds drafts for the visit when storage is blocked or full', () => {
    const drafts = createDraftStore(() => broken)
    expect(drafts.load('me', 'chat-1')).toBe('')
    drafts.save('me', 'chat-1', 'без хранилища')
    expect(drafts.load('me', 'chat-1')).toBe('без хранилища')
    expect(createDraftStore(() => undefined).load('me', 'chat-1')).toBe('')
  })
})
