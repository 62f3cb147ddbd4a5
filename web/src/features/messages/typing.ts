import { useSyncExternalStore } from 'react'

// Who is typing where, from Typing events: each mark lasts a few seconds unless renewed (senders repeat every
// 3 s while typing) and ends early when that person's message arrives.

const lifetimeMs = 6_000
const marks = new Map<string, Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>>()
const listeners = new Set<() => void>()
let snapshot: ReadonlyMap<string, readonly string[]> = new Map()

function publish() {
  snapshot = new Map(
    [...marks]
      .filter(([, people]) => people.size > 0)
      .map(([chatId, people]) => [chatId, [...people.values()].map((p) => p.name)]),
  )
  listeners.forEach((listener) => listener())
}

export function noteTyping(chatId: string, accountId: string, name: string) {
  let people = marks.get(chatId)
  if (!people) marks.set(chatId, (people = new Map()))
  clearTimeout(people.get(accountId)?.timer)
  people.set(accountId, { name, timer: setTimeout(() => stopTyping(chatId, accountId), lifetimeMs) })
  publish()
}

export function stopTyping(chatId: string, accountId: string) {
  const people = marks.get(chatId)
  const mark = people?.get(accountId)
  if (!people || !mark) return
  clearTimeout(mark.timer)
  people.delete(accountId)
  publish()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const getSnapshot = () => snapshot

/** Chat id → names of the people typing there now. */
export function useTyping(): ReadonlyMap<string, readonly string[]> {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
