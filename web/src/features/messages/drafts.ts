import { useCallback, useState } from 'react'

/** The part of localStorage the drafts use (a test passes a map). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** Per person and chat: on a computer a family shares, one child's draft does not show in the other's composer. */
export const draftKey = (myId: string, chatId: string) => `sfera.draft.${myId}.${chatId}`

/**
 * Unsent text per chat, kept across reloads in the browser's storage (attachments are not: they are uploads
 * that would have to be fetched again). Where storage is blocked or full, drafts live for this visit only.
 */
export function createDraftStore(storage: () => DraftStorage | undefined) {
  const memory = new Map<string, string>()
  return {
    load(myId: string, chatId: string): string {
      const key = draftKey(myId, chatId)
      const held = memory.get(key)
      if (held !== undefined) return held
      try {
        return storage()?.getItem(key) ?? ''
      } catch {
        return ''
      }
    },
    save(myId: string, chatId: string, text: string) {
      const key = draftKey(myId, chatId)
      if (text) memory.set(key, text)
      else memory.delete(key)
      try {
        if (text) storage()?.setItem(key, text)
        else storage()?.removeItem(key)
      } catch {
        // Blocked or full: kept in memory above.
      }
    },
  }
}

const drafts = createDraftStore(() => globalThis.localStorage)

/** The composer's text, saved as it is typed; setting it to '' (sending) forgets the draft. */
export function useDraft(myId: string, chatId: string) {
  const [text, setState] = useState(() => drafts.load(myId, chatId))
  const setText = useCallback(
    (value: string) => {
      setState(value)
      drafts.save(myId, chatId, value)
    },
    [myId, chatId],
  )
  return [text, setText] as const
}
