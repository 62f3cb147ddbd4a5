import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { ChatSummary } from './api-types'
import { chatKeys } from './chat-api'
import { faviconHref, heldUnread, tabTitle, unreadPrefix, unreadTotal } from './unread'

const chat = (unreadCount: number) => ({ unreadCount }) as ChatSummary

describe('unread outside the page', () => {
  it('leaves the title alone when nothing is unread', () => {
    expect(tabTitle('Сфера', 0)).toBe('Сфера')
    expect(unreadPrefix(0)).toBe('')
  })

  it('puts the count first', () => {
    expect(tabTitle('Сфера', 3)).toBe('(3) Сфера')
    expect(tabTitle('Чаты · Сфера', 3)).toBe('(3) Чаты · Сфера')
    expect(tabTitle('Сфера', 999)).toBe('(999) Сфера')
    expect(tabTitle('Сфера', 1000)).toBe('(999+) Сфера')
  })

  it('replaces the count it put there, and only that', () => {
    expect(tabTitle('(3) Чаты · Сфера', 4, '(3) ')).toBe('(4) Чаты · Сфера')
    expect(tabTitle('(3) Чаты · Сфера', 0, '(3) ')).toBe('Чаты · Сфера')
    // A chat called "(2) Кружок" keeps its name.
    expect(tabTitle('(2) Кружок · Сфера', 1, '(3) ')).toBe('(1) (2) Кружок · Сфера')
    expect(tabTitle('(2) Кружок · Сфера', 0)).toBe('(2) Кружок · Сфера')
  })

  it('shows a dot on the tab icon while something is unread', () => {
    expect(faviconHref(0)).toBe('/favicon.svg')
    expect(faviconHref(2)).toBe('/favicon-unread.svg')
  })

  it('adds up the unread messages of every chat', () => {
    expect(unreadTotal(undefined)).toBe(0)
    expect(unreadTotal([])).toBe(0)
    expect(unreadTotal([chat(2), chat(0), chat(5)])).toBe(7)
  })

  it('adds up every chat list held, and knows nothing before one is loaded', () => {
    const client = new QueryClient()
    expect(heldUnread(client)).toBeNull()
    client.setQueryData(chatKeys.detail('s1', 'c1'), { chat: chat(9) })
    expect(heldUnread(client)).toBeNull()
    client.setQueryData(chatKeys.list('s1'), [chat(2), chat(1)])
    client.setQueryData(chatKeys.list('s2'), [chat(4)])
    expect(heldUnread(client)).toBe(7)
    client.setQueryData(chatKeys.list('s2'), [chat(0)])
    expect(heldUnread(client)).toBe(3)
  })
})
