import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import type { ChatSummary, Message } from '../../lib/api-types'
import { ChatList } from './ChatList'

const last = {
  id: 'm',
  senderId: 'teacher',
  senderName: 'Мария Петрова',
  text: 'Завтра контрольная',
  createdAt: '2030-05-14T09:30:00Z',
  deleted: false,
} as Message
const chat = {
  id: 'c',
  kind: 'Class',
  title: '5А',
  lastMessage: last,
  unreadCount: 3,
  restriction: 'None',
  canPost: true,
  memberCount: 4,
} as unknown as ChatSummary

describe('ChatList', () => {
  // axe's label-content-name-mismatch: a link named by one part of what it shows (its title) hides the rest from
  // speech input ("click Мария Петрова") and from screen readers. Named by its content, it says all of it.
  it('names each link by everything it shows', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <ChatList chats={[chat]} schoolId="s" myId="me" />
      </MemoryRouter>,
    )
    expect(html).not.toContain('aria-labelledby')
    expect(html).not.toContain('aria-describedby')
    const link = html.slice(html.indexOf('<a '), html.indexOf('</a>'))
    for (const shown of ['Класс 5А', 'Мария Петрова: Завтра контрольная', '3 непрочитанных'])
      expect(link).toContain(shown)
  })

  it('marks a muted chat with the time its notifications come back, or just "off"', () => {
    const render = (offUntil: string) =>
      renderToStaticMarkup(
        <MemoryRouter>
          <ChatList chats={[{ ...chat, notificationsOffUntil: offUntil }]} schoolId="s" myId="me" />
        </MemoryRouter>,
      )
    expect(render('9999-01-01T00:00:00Z')).toContain('Уведомления выключены')
    const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString()
    expect(render(soon)).toContain('Уведомления выключены до ')
    expect(
      renderToStaticMarkup(
        <MemoryRouter>
          <ChatList chats={[chat]} schoolId="s" myId="me" />
        </MemoryRouter>,
      ),
    ).not.toContain('Уведомления выключены')
  })
})
