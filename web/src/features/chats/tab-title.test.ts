import { describe, expect, it } from 'vitest'
import type { ChatSummary } from '../../lib/api-types'
import { tabTitle, unreadTotal } from './tab-title'

const chat = (unreadCount: number) => ({ unreadCount }) as ChatSummary

describe('tab title', () => {
  it('is the plain title when nothing is unread', () => {
    expect(tabTitle('Сфера', 0)).toBe('Сфера')
  })

  it('puts the unread count first', () => {
    expect(tabTitle('Чаты · Сфера', 3)).toBe('(3) Чаты · Сфера')
    expect(tabTitle('Сфера', 999)).toBe('(999) Сфера')
    expect(tabTitle('Сфера', 1000)).toBe('(999+) Сфера')
  })

  it('adds up the unread messages of every chat', () => {
    expect(unreadTotal(undefined)).toBe(0)
    expect(unreadTotal([])).toBe(0)
    expect(unreadTotal([chat(2), chat(0), chat(5)])).toBe(7)
  })
})
