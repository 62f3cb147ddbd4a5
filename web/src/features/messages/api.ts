import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import type { ChatSummary, FileResponse, Message, MessagePage, ReplyPreview } from '../../lib/api-types'
import { base, chatKeys } from '../../lib/chat-api'
import { api } from '../../lib/http'
import { ApiError, type Problem, problemKind } from '../../lib/problem'
import { messageKeys } from './keys'
import { applyCreated, applyDeleted, applyMyRead, applyUpdated, messagesUrl } from './cache'
import { newClientId } from './client-id'
import { rememberConfirmed } from './confirmations'
import { refusedRestriction } from './restriction'
import { withReaction } from './reactions'
import {
  firstSeq,
  lastSeq,
  type MessageWindow,
  type PendingMessage,
  type SendExtras,
  windowFromPage,
  withNewer,
  withOlder,
  withPending,
  withUpdated,
} from './window'
import type * as Wire from '../../lib/api-schema'

export type Receipts = Wire.ReceiptsResponse

export type Confirmations = Wire.ConfirmationsResponse

export const maxMessageLength = 4096
const pageSize = 50

/**
 * A refusal naming a restriction means the chat has just turned read-only (a roster or settings change): its summary
 * is fetched again, so the conversation shows why in place of the composer.
 */
export function noticeRestriction(queryClient: QueryClient, schoolId: string, chatId: string, error: unknown) {
  if (!(error instanceof ApiError) || !refusedRestriction(error.problem)) return
  void queryClient.invalidateQueries({ queryKey: chatKeys.list(schoolId) })
  void queryClient.invalidateQueries({ queryKey: chatKeys.detail(schoolId, chatId) })
}

async function fetchPage(schoolId: string, chatId: string, query: string) {
  return api<MessagePage>(messagesUrl(schoolId, chatId, [query, `limit=${pageSize}`].filter(Boolean).join('&')))
}

/** Where a chat opens: at the first unread message when there is one, else at the newest. */
function openingQuery(summary: ChatSummary | undefined): string {
  return summary && summary.unreadCount > 0 && summary.lastReadSeq < summary.lastSeq
    ? `around=${summary.lastReadSeq + 1}`
    : ''
}

function replaceWindow(queryClient: QueryClient, schoolId: string, chatId: string, page: MessagePage) {
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) =>
    windowFromPage(page, w?.pending),
  )
}

/** The held part of a chat's history. Loaded once, then kept current by events and catch-up, never refetched. */
export function useMessageWindow(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: messageKeys.messages(schoolId, chatId),
    queryFn: async () => {
      const summary = queryClient.getQueryData<ChatSummary[]>(chatKeys.list(schoolId))?.find((c) => c.id === chatId)
      const page = await fetchPage(schoolId, chatId, openingQuery(summary))
      return windowFromPage(
        page,
        queryClient.getQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId))?.pending,
      )
    },
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  })
}

const inFlight = new Set<string>()

/** Paging through history: older and newer pages, and jumps that replace the window. */
export function useHistory(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  const [loading, setLoading] = useState<'older' | 'newer' | 'jump' | null>(null)
  const key = messageKeys.messages(schoolId, chatId)

  const run = useCallback(
    async (kind: 'older' | 'newer' | 'jump', work: () => Promise<void>) => {
      const flight = `${chatId}/${kind}`
      if (inFlight.has(flight)) return
      inFlight.add(flight)
      setLoading(kind)
      try {
        await work()
      } catch {
        // Offline: scrolling again tries again; the connection banner says why nothing came.
      } finally {
        inFlight.delete(flight)
        setLoading(null)
      }
    },
    [chatId],
  )

  // Both are called on every scroll near an edge: they return at once when there is nothing to load.
  const loadOlder = useCallback(() => {
    const held = queryClient.getQueryData<MessageWindow>(key)
    const first = held && firstSeq(held)
    if (!held?.hasMoreBefore || first === undefined) return
    void run('older', async () => {
      const page = await fetchPage(schoolId, chatId, `before=${first}`)
      queryClient.setQueryData<MessageWindow>(key, (w) => (w && firstSeq(w) === first ? withOlder(w, page) : w))
    })
  }, [run, queryClient, key, schoolId, chatId])

  const loadNewer = useCallback(() => {
    const held = queryClient.getQueryData<MessageWindow>(key)
    if (!held?.hasMoreAfter) return
    const last = lastSeq(held)
    void run('newer', async () => {
      const page = await fetchPage(schoolId, chatId, `after=${last}`)
      queryClient.setQueryData<MessageWindow>(key, (w) => (w && lastSeq(w) === last ? withNewer(w, page, myId) : w))
    })
  }, [run, queryClient, key, schoolId, chatId, myId])

  /** Makes sure the window holds `seq`, loading the history around it when it does not; answers that message's id. */
  const jumpTo = useCallback(
    async (seq: number) => {
      const find = () => queryClient.getQueryData<MessageWindow>(key)?.items.find((m) => m.seq === seq)?.id
      if (find()) return find()
      await run('jump', async () =>
        replaceWindow(queryClient, schoolId, chatId, await fetchPage(schoolId, chatId, `around=${seq}`)),
      )
      return find()
    },
    [run, queryClient, key, schoolId, chatId],
  )

  const jumpToLatest = useCallback(async () => {
    if (!queryClient.getQueryData<MessageWindow>(key)?.hasMoreAfter) return
    await run('jump', async () => replaceWindow(queryClient, schoolId, chatId, await fetchPage(schoolId, chatId, '')))
  }, [run, queryClient, key, schoolId, chatId])

  return { loading, loadOlder, loadNewer, jumpTo, jumpToLatest }
}

/**
 * Optimistic sending: the message shows at once as "sending", keyed by its client id, until the server's copy replaces
 * it. `refusal` is the last refusal that is about me rather than the message (muted, read-only), for the composer.
 */
export function useSend(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  const key = messageKeys.messages(schoolId, chatId)
  const [refusal, setRefusal] = useState<Problem | null>(null)

  const setPending = useCallback(
    (change: (pending: PendingMessage[]) => PendingMessage[]) => {
      queryClient.setQueryData<MessageWindow>(key, (w) => (w ? withPending(w, change) : w))
    },
    [queryClient, key],
  )

  const post = useCallback(
    async (message: PendingMessage) => {
      setPending((all) =>
        all.map((p) => (p.clientId === message.clientId ? { ...p, status: 'sending', error: undefined } : p)),
      )
      try {
        const stored = await api<Message>(messagesUrl(schoolId, chatId), {
          method: 'POST',
          body: {
            clientId: message.clientId,
            text: message.text,
            replyToId: message.replyTo?.id ?? null,
            ...message.extras,
          },
        })
        setRefusal(null)
        applyCreated(queryClient, schoolId, stored, myId)
        // Still listed when the window could not take it (it holds older history): the event or a jump shows it.
        setPending((all) => all.filter((p) => p.clientId !== message.clientId))
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error)
        const kind = error instanceof ApiError ? problemKind(error.problem) : undefined
        if (error instanceof ApiError && (kind === 'muted' || kind === 'read-only')) {
          setRefusal(error.problem)
          // My rights here changed since the list was loaded.
          if (kind === 'read-only') void queryClient.invalidateQueries({ queryKey: chatKeys.list(schoolId) })
        }
        // The failed message keeps its text (to copy or send later); the banner replaces the composer.
        noticeRestriction(queryClient, schoolId, chatId, error)
        setPending((all) =>
          all.map((p) => (p.clientId === message.clientId ? { ...p, status: 'failed', error: text } : p)),
        )
      }
    },
    [setPending, queryClient, schoolId, chatId, myId],
  )

  const send = useCallback(
    (text: string, replyTo: ReplyPreview | null, extras?: SendExtras, files?: FileResponse[]) => {
      const message: PendingMessage = {
        clientId: newClientId(),
        text,
        replyTo,
        extras,
        files,
        status: 'sending',
        createdAt: new Date().toISOString(),
      }
      setPending((all) => [...all, message])
      void post(message)
    },
    [setPending, post],
  )

  const retry = useCallback((message: PendingMessage) => void post(message), [post])
  const discard = useCallback(
    (clientId: string) => setPending((all) => all.filter((p) => p.clientId !== clientId)),
    [setPending],
  )

  const clearRefusal = useCallback(() => setRefusal(null), [])

  return { send, retry, discard, refusal, clearRefusal }
}

/** Sends a copy of a message (same text and files, "forwarded from" its sender) into another chat of mine. */
export function useForward(schoolId: string, myId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ message, toChatId }: { message: Message; toChatId: string }) =>
      api<Message>(messagesUrl(schoolId, toChatId), {
        method: 'POST',
        body: {
          clientId: newClientId(),
          text: message.text,
          forwardedFromId: message.id,
          attachments: (message.attachments ?? []).map((f) => f.id),
        },
      }),
    onSuccess: (stored) => applyCreated(queryClient, schoolId, stored, myId),
  })
}

function patchMessage(
  queryClient: QueryClient,
  schoolId: string,
  chatId: string,
  messageId: string,
  change: (m: Message) => Message,
) {
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) => {
    const current = w?.items.find((m) => m.id === messageId)
    return w && current ? withUpdated(w, change(current)) : w
  })
}

/** Adds or takes back my reaction, showing it at once; the server's answer (and its event) settles it. */
export function useReact(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ messageId, emoji, on }: { messageId: string; emoji: string; on: boolean }) =>
      api<Message>(`${messagesUrl(schoolId, chatId)}/${messageId}/reactions/${encodeURIComponent(emoji)}`, {
        method: on ? 'PUT' : 'DELETE',
      }),
    onMutate: ({ messageId, emoji, on }) =>
      patchMessage(queryClient, schoolId, chatId, messageId, (m) => ({
        ...m,
        reactions: withReaction(m.reactions, emoji, myId, on),
      })),
    onSuccess: (message) => applyUpdated(queryClient, schoolId, message),
    onError: (error, { messageId, emoji, on }) => {
      patchMessage(queryClient, schoolId, chatId, messageId, (m) => ({
        ...m,
        reactions: withReaction(m.reactions, emoji, myId, !on),
      }))
      noticeRestriction(queryClient, schoolId, chatId, error)
    },
  })
}

export function usePin(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ messageId, pin }: { messageId: string; pin: boolean }) =>
      api<Message>(`${messagesUrl(schoolId, chatId)}/${messageId}/pin`, { method: pin ? 'PUT' : 'DELETE' }),
    onSuccess: (message) => applyUpdated(queryClient, schoolId, message),
  })
}

export function useConfirm(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (messageId: string) =>
      api<Message>(`${messagesUrl(schoolId, chatId)}/${messageId}/confirm`, { method: 'POST' }),
    onSuccess: (message) => {
      rememberConfirmed(myId, message.id)
      applyUpdated(queryClient, schoolId, message)
    },
  })
}

export function useEditMessage(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ messageId, text }: { messageId: string; text: string }) =>
      api<Message>(`${messagesUrl(schoolId, chatId)}/${messageId}`, { method: 'PATCH', body: { text } }),
    onSuccess: (message) => applyUpdated(queryClient, schoolId, message),
    onError: (error) => noticeRestriction(queryClient, schoolId, chatId, error),
  })
}

export function useDeleteMessage(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (message: Message) => api<void>(`${messagesUrl(schoolId, chatId)}/${message.id}`, { method: 'DELETE' }),
    onSuccess: (_, message) => applyDeleted(queryClient, schoolId, chatId, message.id, message.seq, myId),
  })
}

/** Moves my read mark forward (the server never moves it back); other tabs hear of it through ReadUpdated. */
export function useMarkRead(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  return useCallback(
    async (seq: number) => {
      try {
        await api<void>(`${base(schoolId)}/chats/${chatId}/read`, { method: 'POST', body: { seq } })
        applyMyRead(queryClient, schoolId, chatId, seq, myId)
      } catch {
        // Not marked this time; the next scroll or visit marks it.
      }
    },
    [queryClient, schoolId, chatId, myId],
  )
}

export function useReceipts(schoolId: string, chatId: string, messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.receipt(schoolId, chatId, messageId),
    queryFn: () => api<Receipts>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/receipts`),
    enabled,
  })
}

/** Pinned messages of a chat, the newest pin first; kept current by MessageUpdated and MessageDeleted. */
export function usePins(schoolId: string, chatId: string) {
  return useQuery({
    queryKey: messageKeys.pins(schoolId, chatId),
    queryFn: () => api<Message[]>(`${base(schoolId)}/chats/${chatId}/pins`),
    staleTime: Infinity,
  })
}

/** Who has confirmed a "please confirm" message and who has not (its sender and the chat's moderators). */
export function useConfirmations(schoolId: string, chatId: string, messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.confirmations(schoolId, chatId, messageId),
    queryFn: () => api<Confirmations>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/confirmations`),
    enabled,
  })
}

export function useRemind(schoolId: string, chatId: string, messageId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api<Confirmations>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/remind`, { method: 'POST' }),
    onSuccess: (lists) => queryClient.setQueryData(messageKeys.confirmations(schoolId, chatId, messageId), lists),
  })
}

/** Messages in my chats of this school matching the words, newest first. */
export function useMessageSearch(schoolId: string, q: string) {
  return useQuery({
    queryKey: messageKeys.search(schoolId, q),
    queryFn: () => api<Message[]>(`${base(schoolId)}/search?${new URLSearchParams({ q, limit: '50' })}`),
    enabled: q.length > 0,
    staleTime: 30_000,
  })
}
