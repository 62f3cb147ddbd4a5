import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ChatSummary, FileResponse, Message, PollResponse } from '../../lib/api-types'
import { chatKeys } from './api'
import { MessageAttachments } from './MessageAttachments'
import { PollCard } from './PollCard'

const chat = { id: 'c', kind: 'Class', myRole: 'Member', canPost: true, memberCount: 3 } as ChatSummary

const poll: PollResponse = {
  id: 'p', messageId: 'm', question: 'Когда собрание?', multiple: false, anonymous: false, closesAt: null, closed: false, voterCount: 1,
  options: [
    { id: 'o1', text: 'Во вторник', votes: 1, voters: [{ accountId: 'x', displayName: 'Мария' }] },
    { id: 'o2', text: 'В четверг', votes: 0, voters: [] },
  ],
  myChoice: null,
}

const message = {
  id: 'm', chatId: 'c', seq: 1, senderId: 'teacher', senderName: 'Учитель', text: 'Когда собрание?', deleted: false, attachments: [], poll,
} as unknown as Message & { poll: PollResponse }

function render(myChoice: string[] | null, myId = 'me', inChat: ChatSummary = chat) {
  const client = new QueryClient()
  if (myChoice) client.setQueryData(chatKeys.poll('s', 'c', 'm'), { ...poll, myChoice })
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <PollCard message={message} chat={inChat} schoolId="s" myId={myId} />
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

describe('MessageAttachments', () => {
  const file = (patch: Partial<FileResponse>): FileResponse => ({
    id: 'f', name: 'фото.jpg', contentType: 'image/jpeg', kind: 'Image', size: 2048, width: 960, height: 720, durationMs: null, waveform: null,
    url: '/api/v1/schools/s/files/f/content', thumbnailUrl: '/api/v1/schools/s/files/f/thumbnail', createdAt: '2026-03-01T08:00:00Z', ...patch,
  })

  it('renders an image as a button that opens it, with its size kept', () => {
    const html = renderToStaticMarkup(<MessageAttachments files={[file({})]} onOpenImage={() => undefined} />)
    expect(html).toContain('aria-label="Открыть изображение: фото.jpg"')
    expect(html).toContain('src="/api/v1/schools/s/files/f/thumbnail" alt="фото.jpg" width="280" height="210" loading="lazy"')
  })

  it('renders other files as download links named with their size, and voice notes as players', () => {
    const html = renderToStaticMarkup(<MessageAttachments files={[
      file({ id: 'a', name: 'отчёт.pdf', kind: 'File', contentType: 'application/pdf', size: 1536, thumbnailUrl: null }),
      file({ id: 'b', name: 'voice.webm', kind: 'Voice', contentType: 'audio/webm', durationMs: 65_000, waveform: [10, 90], thumbnailUrl: null }),
    ]} />)
    expect(html).toContain('href="/api/v1/schools/s/files/f/content?download=true" download="отчёт.pdf"')
    expect(html).toContain('отчёт.pdf, 1,5 КБ')
    expect(html).toContain('Воспроизвести голосовое сообщение')
    expect(html).toContain('01:05')
  })
})
