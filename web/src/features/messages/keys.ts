import { chatKeys } from '../../lib/chat-api'

/** A chat's messages and what hangs on them, under the chat's prefix (lib/chat-api.ts). */
export const messageKeys = {
  messages: (schoolId: string, chatId: string) => [...chatKeys.chat(schoolId, chatId), 'messages'] as const,
  receipts: (schoolId: string, chatId: string) => [...chatKeys.chat(schoolId, chatId), 'receipts'] as const,
  receipt: (schoolId: string, chatId: string, messageId: string) =>
    [...chatKeys.chat(schoolId, chatId), 'receipts', messageId] as const,
  pins: (schoolId: string, chatId: string) => [...chatKeys.chat(schoolId, chatId), 'pins'] as const,
  confirmations: (schoolId: string, chatId: string, messageId: string) =>
    [...chatKeys.chat(schoolId, chatId), 'confirmations', messageId] as const,
  search: (schoolId: string, q: string) => ['schools', schoolId, 'message-search', q] as const,
}
