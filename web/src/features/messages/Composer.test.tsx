import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ChatSummary } from '../../lib/api-types'
import { ConversationProvider } from '../../lib/conversation'
import { Composer } from './Composer'

function render(kind: ChatSummary['kind'], myRole: ChatSummary['myRole'] = 'Member') {
  const chat = { id: `c-${kind}`, kind, myRole, canPost: true, restriction: 'None', memberCount: 2 } as ChatSummary
  return renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
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
})
