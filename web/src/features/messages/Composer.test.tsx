import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ChatSummary } from '../../lib/api-types'
import { ConversationProvider } from '../../lib/conversation'
import { schoolQueryKey } from '../../lib/session'
import { Composer } from './Composer'

function render(kind: ChatSummary['kind'], myRole: ChatSummary['myRole'] = 'Member', schoolRoles: string[] = []) {
  const chat = { id: `c-${kind}`, kind, myRole, canPost: true, restriction: 'None', memberCount: 2 } as ChatSummary
  const client = new QueryClient()
  client.setQueryData(schoolQueryKey('s'), { id: 's', myRoles: schoolRoles })
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <ConversationProvider schoolId="s" chat={chat} myId="me" members={[]}>
        <Composer replyTo={null} members={[]} onCancelReply={() => {}} onSend={() => {}} onCreatePoll={() => {}} />
      </ConversationProvider>
    </QueryClientProvider>,
  )
}

describe('Composer', () => {
  it('offers a poll in group chats only', () => {
    expect(render('Group')).toContain('Создать опрос')
    expect(render('Class', 'Owner')).toContain('Создать опрос')
    expect(render('Personal')).not.toContain('Создать опрос')
    expect(render('Personal', 'Owner')).not.toContain('Создать опрос')
  })

  it('offers an urgent announcement to the school’s administrators in the announcements channel only', () => {
    const urgent = 'Срочно: уведомить даже в тихие часы'
    expect(render('Announcements', 'Moderator', ['Admin'])).toContain(urgent)
    expect(render('Announcements', 'Moderator', ['Teacher'])).not.toContain(urgent)
    expect(render('Class', 'Owner', ['Admin'])).not.toContain(urgent)
  })
})
