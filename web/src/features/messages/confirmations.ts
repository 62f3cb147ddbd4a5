import { useSyncExternalStore } from 'react'
import type { Message } from '../../lib/api-types'

// "Please confirm" on this device. The server does not say whether I have confirmed a message (only its sender
// and moderators may list who has), so the confirmations I make are remembered here, per account; a reminder from
// the sender (ConfirmationRequested, sent only to those who have not confirmed) corrects a stale memory. Reminders
// are kept per chat until confirmed or dismissed, for the conversation to show.

const keep = 500
const listeners = new Set<() => void>()
let version = 0

function notify() {
  version++
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const storageKey = (myId: string) => `sfera.confirmed.${myId}`
const memory = new Map<string, string[]>()

function load(myId: string): string[] {
  let ids = memory.get(myId)
  if (ids) return ids
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey(myId)) ?? '[]')
    ids = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []
  } catch {
    ids = []
  }
  memory.set(myId, ids)
  return ids
}

function save(myId: string, ids: string[]) {
  memory.set(myId, ids)
  try {
    globalThis.localStorage?.setItem(storageKey(myId), JSON.stringify(ids))
  } catch {
    // storage blocked: remembered for this visit only
  }
  notify()
}

export function rememberConfirmed(myId: string, messageId: string) {
  const ids = load(myId)
  if (!ids.includes(messageId)) save(myId, [...ids, messageId].slice(-keep))
}

export function forgetConfirmed(myId: string, messageId: string) {
  const ids = load(myId)
  if (ids.includes(messageId))
    save(
      myId,
      ids.filter((id) => id !== messageId),
    )
}

export function useConfirmedHere(myId: string, messageId: string): boolean {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  )
  return load(myId).includes(messageId)
}

// Reminders.

export interface Reminder {
  messageId: string
  seq: number
  senderName: string
  text: string
}

const reminders = new Map<string, Reminder[]>()
const noReminders: readonly Reminder[] = []

export function noteReminder(myId: string, message: Message) {
  forgetConfirmed(myId, message.id)
  const list = (reminders.get(message.chatId) ?? []).filter((r) => r.messageId !== message.id)
  reminders.set(message.chatId, [
    ...list,
    { messageId: message.id, seq: message.seq, senderName: message.senderName, text: message.text },
  ])
  notify()
}

export function dismissReminder(chatId: string, messageId: string) {
  const list = reminders.get(chatId)
  if (!list?.some((r) => r.messageId === messageId)) return
  reminders.set(
    chatId,
    list.filter((r) => r.messageId !== messageId),
  )
  notify()
}

export function useReminders(chatId: string): readonly Reminder[] {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  )
  return reminders.get(chatId) ?? noReminders
}
