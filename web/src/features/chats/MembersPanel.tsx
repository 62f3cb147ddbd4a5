import { useId, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import type { ChatRole, ChatSummary } from '../../lib/api-types'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { ErrorMessage, FormErrors, Loading } from '../../lib/ui'
import { type ChatMember, useAddMembers, useChatDetail, useChatSettings, useMute, useRemoveMember, useSetRole } from './api'
import { PeoplePicker } from './PeoplePicker'
import { chatTexts } from './texts'
import { roleText } from './titles'

const rank: Record<ChatRole, number> = { Member: 0, Moderator: 1, Owner: 2 }

function AddMembers({ schoolId, chatId, present, onDone }: { schoolId: string; chatId: string; present: ReadonlySet<string>; onDone: () => void }) {
  const t = useT(chatTexts)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const add = useAddMembers(schoolId, chatId)
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); add.mutate([...selected], { onSuccess: onDone }) }}>
      <PeoplePicker schoolId={schoolId} legend={t('addMembers')} selected={selected} onChange={setSelected} exclude={present} />
      <FormErrors error={add.error} />
      <div className="actions">
        <button type="submit" className="primary small" disabled={selected.size === 0 || add.isPending}>{t('add')}</button>
        <button type="button" className="small" onClick={onDone}>{t('cancel')}</button>
      </div>
    </form>
  )
}

const muteChoices = [
  { minutes: 15, label: 'mute15' },
  { minutes: 60, label: 'mute60' },
  { minutes: 1440, label: 'mute1440' },
] as const

/**
 * A moderator's tools for one member: mute for a while or lift it, and in a group its owner makes moderators. The
 * server does not list who is muted, so the "until" shown is what was set from this screen.
 */
function MemberTools({ schoolId, chat, member, mutedUntil, onMuted }: {
  schoolId: string
  chat: ChatSummary
  member: ChatMember
  mutedUntil: string | undefined
  onMuted: (until: string | null) => void
}) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const mute = useMute(schoolId, chat.id)
  const setRole = useSetRole(schoolId, chat.id)
  const [done, setDone] = useState('')
  const canSetRole = chat.kind === 'Group' && chat.myRole === 'Owner' && member.role !== 'Owner'

  function doMute(minutes: number) {
    mute.mutate({ accountId: member.accountId, minutes }, {
      onSuccess: () => {
        const until = minutes > 0 ? new Date(Date.now() + minutes * 60_000).toISOString() : null
        onMuted(until)
        setDone(until ? t('mutedTill', { time: formatTime(until, language) }) : t('unmuted'))
      },
    })
  }

  return (
    <div className="member-tools" role="group" aria-label={t('moderate', { name: member.displayName })}>
      <p className="small-text"><strong>{t('muteFor')}</strong></p>
      <div className="actions">
        {muteChoices.map((c) => (
          <button key={c.minutes} type="button" className="small" disabled={mute.isPending} onClick={() => doMute(c.minutes)}>{t(c.label)}</button>
        ))}
        <button type="button" className="small" disabled={mute.isPending} onClick={() => doMute(0)}>{t('unmute')}</button>
      </div>
      {canSetRole ? (
        <div className="actions">
          {member.role === 'Member'
            ? <button type="button" className="small" disabled={setRole.isPending} onClick={() => setRole.mutate({ accountId: member.accountId, role: 'Moderator' })}>{t('makeModerator')}</button>
            : <button type="button" className="small" disabled={setRole.isPending} onClick={() => setRole.mutate({ accountId: member.accountId, role: 'Member' })}>{t('makeMember')}</button>}
        </div>
      ) : null}
      <p className="small-text" role="status">{done || (mutedUntil ? t('mutedTill', { time: formatTime(mutedUntil, language) }) : '')}</p>
      <FormErrors error={mute.error ?? setRole.error} />
    </div>
  )
}

/** "Только модераторы пишут": the others can then only read. */
function ChatSettings({ schoolId, chat }: { schoolId: string; chat: ChatSummary }) {
  const t = useT(chatTexts)
  const id = useId()
  const settings = useChatSettings(schoolId, chat.id)
  return (
    <section className="chat-settings" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('chatSettings')}</h4>
      <div className="switch-row">
        <input id={id} type="checkbox" role="switch" checked={settings.isPending ? settings.variables : chat.moderatorsOnly} disabled={settings.isPending}
          aria-describedby={`${id}-hint`} onChange={(e) => settings.mutate(e.target.checked)} />
        <label htmlFor={id}>{t('moderatorsOnly')}</label>
      </div>
      <p id={`${id}-hint`} className="hint">{t('moderatorsOnlyHint')}</p>
      <FormErrors error={settings.error} />
    </section>
  )
}

/** Who is in the chat and with what role: nobody reads a chat invisibly. Group moderators add and remove here. */
export function MembersPanel({ id, schoolId, chat, myId, onClose }: { id: string; schoolId: string; chat: ChatSummary; myId: string; onClose: () => void }) {
  const t = useT(chatTexts)
  const headingId = useId()
  const navigate = useNavigate()
  const detail = useChatDetail(schoolId, chat.id)
  const remove = useRemoveMember(schoolId, chat.id)
  const [adding, setAdding] = useState(false)
  const [leaving, setLeaving] = useState(false)
  const [tools, setTools] = useState<string | null>(null)
  const [muted, setMuted] = useState<ReadonlyMap<string, string>>(new Map())
  const moderates = chat.myRole !== 'Member'
  const isGroup = chat.kind === 'Group'
  const manages = isGroup && chat.myRole !== 'Member'
  const members = detail.data?.members ?? []

  return (
    <aside id={id} className="members-panel" aria-labelledby={headingId}>
      <div className="members-head">
        <h3 id={headingId}>{t('membersPanel')}</h3>
        <button type="button" className="small" onClick={onClose}>{t('closeMembers')}</button>
      </div>
      {detail.isPending ? <Loading /> : detail.isError ? <ErrorMessage error={detail.error} /> : (
        <>
          <p className="muted small-text">{t('memberCount', { count: members.length })}</p>
          <ul className="members">
            {members.map((m) => (
              <li key={m.accountId}>
                <span className="member-name">{m.displayName}{m.accountId === myId ? ` (${t('you')})` : ''}</span>
                <span className={m.role === 'Member' ? 'badge' : 'badge badge-role'}>{roleText(m.role, t)}</span>
                {moderates && m.accountId !== myId && rank[m.role] < rank[chat.myRole] ? (
                  <button type="button" className="small" aria-label={t('moderate', { name: m.displayName })} aria-expanded={tools === m.accountId}
                    onClick={() => setTools((open) => (open === m.accountId ? null : m.accountId))}>
                    {t('moderateShort')}
                  </button>
                ) : null}
                {manages && m.accountId !== myId && rank[m.role] <= rank[chat.myRole] ? (
                  <button type="button" className="small" aria-label={t('removeMember', { name: m.displayName })} disabled={remove.isPending}
                    onClick={() => remove.mutate(m.accountId)}>
                    {t('removeShort')}
                  </button>
                ) : null}
                {tools === m.accountId ? (
                  <MemberTools schoolId={schoolId} chat={chat} member={m} mutedUntil={muted.get(m.accountId)}
                    onMuted={(until) => setMuted((all) => {
                      const next = new Map(all)
                      if (until) next.set(m.accountId, until)
                      else next.delete(m.accountId)
                      return next
                    })} />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {!leaving ? <FormErrors error={remove.error} /> : null}
      {moderates && chat.kind !== 'Personal' && chat.kind !== 'Announcements' ? <ChatSettings schoolId={schoolId} chat={chat} /> : null}
      {manages && !adding ? <p><button type="button" className="small" onClick={() => setAdding(true)}>{t('addMembers')}</button></p> : null}
      {manages && adding ? (
        <AddMembers schoolId={schoolId} chatId={chat.id} present={new Set(members.map((m) => m.accountId))} onDone={() => setAdding(false)} />
      ) : null}
      {isGroup && !leaving ? <p><button type="button" className="small danger" onClick={() => setLeaving(true)}>{t('leave')}</button></p> : null}
      {isGroup && leaving ? (
        <div className="confirm" role="group" aria-label={t('leave')}>
          <p>{t('confirmLeave')}</p>
          <FormErrors error={remove.error} />
          <div className="actions">
            <button type="button" className="small danger" autoFocus disabled={remove.isPending}
              onClick={() => remove.mutate(myId, { onSuccess: () => navigate(`/school/${schoolId}/chats`, { replace: true }) })}>
              {t('confirmLeaveYes')}
            </button>
            <button type="button" className="small" onClick={() => { setLeaving(false); remove.reset() }}>{t('cancel')}</button>
          </div>
        </div>
      ) : null}
    </aside>
  )
}
