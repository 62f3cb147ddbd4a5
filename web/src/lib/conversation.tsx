import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { ChatSummary } from './api-types'
import type { ChatMember } from './chat-api'

/**
 * The open conversation, for the components inside it (messages, composer, files, polls, moderation) instead of
 * passing the school, the chat and me down through every prop type. `chat` is the summary as the chat list holds it
 * (my role, whether I may post, its restriction); `members` is undefined until the chat's details have loaded.
 */
export interface Conversation {
  schoolId: string
  chat: ChatSummary
  myId: string
  members: readonly ChatMember[] | undefined
}

const ConversationContext = createContext<Conversation | null>(null)

export function ConversationProvider({
  schoolId,
  chat,
  myId,
  members,
  children,
}: Conversation & { children: ReactNode }) {
  const value = useMemo(() => ({ schoolId, chat, myId, members }), [schoolId, chat, myId, members])
  return <ConversationContext value={value}>{children}</ConversationContext>
}

export function useConversation(): Conversation {
  const conversation = useContext(ConversationContext)
  if (!conversation) throw new Error('useConversation() outside a ConversationProvider')
  return conversation
}
