import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ChatSummary, Message, PollResponse } from '../../lib/api-types'
import { ConversationProvider } from '../../lib/conversation'
import { pollKeys } from './cache'
import { PollCard } from './PollCard'

const chat = { id: 'c', kind: 'Class', myRole: 'Member', canPost: true, memberCount: 3 } as ChatSummary

const poll: PollResponse = {
  id: 'p',
  messageId: 'm',
  question: 'Когда собрание?',
  multiple: false,
  anonymous: false,
  closesAt: null,
  closed: false,
  voterCount: 1,
  options: [
    { id: 'o1', text: 'Во вторник', votes: 1, voters: [{ accountId: 'x', displayName: 'Мария' }] },
    { id: 'o2', text: 'В четверг', votes: 0, voters: [] },
  ],
  myChoice: null,
}

const message = {
  id: 'm',
  chatId: 'c',
  seq: 1,
  senderId: 'teacher',
  senderName: 'Учитель',
  text: 'Когда собрание?',
  deleted: false,
  attachments: [],
  poll,
} as unknown as Message & { poll: PollResponse }

function render(myChoice: string[] | null, myId = 'me', inChat: ChatSummary = chat) {
  const client = new QueryClient()
  if (myChoice) client.setQueryData(pollKeys.poll('s', 'c', 'm'), { ...poll, myChoice })
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <ConversationProvider schoolId="s" chat={inChat} myId={myId} members={undefined}>
        <PollCard message={message} />
      </ConversationProvider>
    </QueryClientProvider>,
  )
}

describe('PollCard', () => {
  it('is a group named after the question and always says how many voted', () => {
    const html = render(null)
    expect(html).toContain('role="group" aria-label="Опрос: Когда собрание?"')
    expect(html).toContain('Проголосовали: 1')
    expect(html).toContain('Открытый опрос')
  })

  it('after my vote shows the results with my choice, percent and votes', () => {
    const html = render(['o1'])
    expect(html).not.toContain('type="radio"')
    expect(html).toContain('aria-label="Результаты опроса"')
    expect(html).toContain('Ваш выбор')
    expect(html).toContain('role="meter" aria-label="Во вторник"')
    expect(html).toContain('aria-valuetext="100%, 1 голос"')
    expect(html).toContain('aria-label="Кто выбрал: Во вторник"')
    expect(html).not.toContain('aria-label="Кто выбрал: В четверг"')
    expect(html).toContain('Изменить голос')
    expect(html).toContain('Отозвать голос')
    expect(html).toContain('Скачать результаты (CSV)')
    expect(html).not.toContain('Завершить опрос')
  })

  it('offers the choices before I vote, but not in a chat turned read-only', () => {
    expect(render([])).toContain('type="radio"')
    const html = render([], 'me', { ...chat, canPost: false, restriction: 'ContactPolicy' })
    expect(html).not.toContain('type="radio"')
    expect(html).toContain('Проголосовали: 1')
  })

  it('lets the author close it and see the results before voting', () => {
    const html = render(null, 'teacher')
    expect(html).toContain('Завершить опрос')
    expect(html).toContain('Результаты опроса')
  })
})
