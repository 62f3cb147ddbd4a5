import { useId, useState } from 'react'
import type { ChatMember } from '../../lib/chat-api'
import { useConversation } from '../../lib/conversation'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { useChatSettings, useMute, useSetRole } from './api'
import { moderationTexts } from './texts'

// A moderator's tools in the members panel of a conversation (the panel itself is the chats feature's).

const muteChoices = [
  { minutes: 15, label: 'mute15' },
  { minutes: 60, label: 'mute60' },
  { minutes: 1440, label: 'mute1440' },
] as const

/**
 * A moderator's tools for one member: mute for a while or lift it, and in a group its owner makes moderators. The
 * server does not list who is muted, so the "until" shown is what was set from this screen.
 */
export function MemberTools({
  member,
  mutedUntil,
  onMuted,
}: {
  member: ChatMember
  mutedUntil: string | undefined
  onMuted: (until: string | null) => void
}) {
  const t = useT(moderationTexts)
  const language = useLanguage()
  const { schoolId, chat } = useConversation()
  const mute = useMute(schoolId, chat.id)
  const setRole = useSetRole(schoolId, chat.id)
  const [done, setDone] = useState('')
  const canSetRole = chat.kind === 'Group' && chat.myRole === 'Owner' && member.role !== 'Owner'

  function doMute(minutes: number) {
    mute.mutate(
      { accountId: member.accountId, minutes },
      {
        onSuccess: () => {
          const until = minutes > 0 ? new Date(Date.now() + minutes * 60_000).toISOString() : null
          onMuted(until)
          setDone(until ? t('mutedTill', { time: formatTime(until, language) }) : t('unmuted'))
        },
      },
    )
  }

  return (
    <div className="member-tools" role="group" aria-label={t('moderate', { name: member.displayName })}>
      <p className="small-text">
        <strong>{t('muteFor')}</strong>
      </p>
      <div className="actions">
        {muteChoices.map((c) => (
          <button
            key={c.minutes}
            type="button"
            className="small"
            disabled={mute.isPending}
            onClick={() => doMute(c.minutes)}
          >
            {t(c.label)}
          </button>
        ))}
        <button type="button" className="small" disabled={mute.isPending} onClick={() => doMute(0)}>
          {t('unmute')}
        </button>
      </div>
      {canSetRole ? (
        <div className="actions">
          {member.role === 'Member' ? (
            <button
              type="button"
              className="small"
              disabled={setRole.isPending}
              onClick={() => setRole.mutate({ accountId: member.accountId, role: 'Moderator' })}
            >
              {t('makeModerator')}
            </button>
          ) : (
            <button
              type="button"
              className="small"
              disabled={setRole.isPending}
              onClick={() => setRole.mutate({ accountId: member.accountId, role: 'Member' })}
            >
              {t('makeMember')}
            </button>
          )}
        </div>
      ) : null}
      <p className="small-text" role="status">
        {done || (mutedUntil ? t('mutedTill', { time: formatTime(mutedUntil, language) }) : '')}
      </p>
      <FormErrors error={mute.error ?? setRole.error} />
    </div>
  )
}

/** "Только модераторы пишут": the others can then only read. */
export function ChatSettings() {
  const t = useT(moderationTexts)
  const { schoolId, chat } = useConversation()
  const id = useId()
  const settings = useChatSettings(schoolId, chat.id)
  return (
    <section className="chat-settings" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('chatSettings')}</h4>
      <div className="switch-row">
        <input
          id={id}
          type="checkbox"
          // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
          role="switch"
          checked={settings.isPending ? settings.variables : chat.moderatorsOnly}
          disabled={settings.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => settings.mutate(e.target.checked)}
        />
        <label htmlFor={id}>{t('moderatorsOnly')}</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('moderatorsOnlyHint')}
      </p>
      <FormErrors error={settings.error} />
    </section>
  )
}
