import { type KeyboardEvent, useMemo, useState } from 'react'
import { useT } from '../../lib/i18n'
import { findMentionQuery, fold, type Mentionable, suggestMembers } from './mentions'
import { messageTexts } from './texts'

// "@" suggestions in the composer: the members whose names start with what follows the "@" (and @все for
// moderators), chosen with the arrows and Enter or Tab, closed with Escape; the text box keeps the focus.

export type MentionOption = { kind: 'member'; member: Mentionable } | { kind: 'all' }

export function useMentionSuggestions({
  text,
  caret,
  members,
  enabled,
  canMentionAll,
}: {
  text: string
  caret: number
  /** Members who can be mentioned (not me). */
  members: readonly Mentionable[]
  /** False in a personal chat: nobody else to mention. */
  enabled: boolean
  canMentionAll: boolean
}) {
  const t = useT(messageTexts)
  /** The option chosen with the arrows, for the query it was chosen in (a changed query starts at the first). */
  const [active, setActive] = useState({ query: '', index: 0 })
  /** The "@" whose suggestions were closed with Escape: not offered again until another "@". */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  const query = enabled ? findMentionQuery(text, caret) : null
  const queryStart = query?.start
  const queryText = query?.query
  const options = useMemo<MentionOption[]>(() => {
    if (queryStart === undefined || queryText === undefined || queryStart === dismissedAt) return []
    const found: MentionOption[] = suggestMembers(members, queryText).map((member) => ({ kind: 'member', member }))
    const q = fold(queryText)
    if (canMentionAll && (t('mentionAllWord').startsWith(q) || 'все'.startsWith(q) || 'all'.startsWith(q)))
      found.push({ kind: 'all' })
    return found
  }, [queryStart, queryText, dismissedAt, members, canMentionAll, t])
  const open = options.length > 0
  const activeFor = query ? `${query.start}:${query.query}` : ''
  const current = Math.min(active.query === activeFor ? active.index : 0, options.length - 1)

  /** A key pressed in the text box while the suggestions are open; true when it was theirs. */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>, pick: (option: MentionOption) => void): boolean {
    if (!open || e.nativeEvent.isComposing) return false
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive({ query: activeFor, index: (current + step + options.length) % options.length })
      return true
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault()
      pick(options[current])
      return true
    }
    if (e.key === 'Escape') {
      e.preventDefault()
      setDismissedAt(query?.start ?? null)
      return true
    }
    return false
  }

  return {
    query,
    options,
    open,
    current,
    onKeyDown,
    /** Leaving the text box closes them; coming back offers them again. */
    onBlur: () => setDismissedAt(query?.start ?? null),
    onFocus: () => setDismissedAt(null),
  }
}

/** The suggestions under the text box (a listbox the text box points into with aria-activedescendant). */
export function MentionList({
  id,
  options,
  current,
  optionId,
  onPick,
}: {
  id: string
  options: readonly MentionOption[]
  current: number
  optionId: (index: number) => string
  onPick: (option: MentionOption) => void
}) {
  const t = useT(messageTexts)
  return (
    <ul id={id} className="mention-list" role="listbox" aria-label={t('mentionList')}>
      {options.map((option, i) => (
        // Keys reach the options through the text box (aria-activedescendant), which handles them.
        // oxlint-disable-next-line jsx-a11y/click-events-have-key-events
        <li
          key={option.kind === 'all' ? 'all' : option.member.accountId}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          // Keeps the focus in the text box; the click then inserts.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(option)}
        >
          {option.kind === 'all' ? (
            <>
              <strong>@{t('mentionAllWord')}</strong> <span className="muted">{t('mentionAllOption')}</span>
            </>
          ) : (
            option.member.displayName
          )}
        </li>
      ))}
    </ul>
  )
}
