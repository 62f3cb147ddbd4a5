import { useId, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import type { ChatRole } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { ErrorMessage, FormErrors, Loading } from '../../lib/ui'
import { ChatSettings, MemberTools } from '../moderation/MemberTools'
import { useAddMembers, useChatDetail, useRemoveMember } from './api'
import { quietLine } from './notify-times'
import { PeoplePicker } from './PeoplePicker'
import { chatTexts } from './texts'
import { roleText } from './titles'

const rank: Record<ChatRole, number> = { Member: 0, Moderator: 1, Owner: 2 }

function AddMembers({ present, onDone }: { present: ReadonlySet<string>; onDone: () => void }) {
  const t = useT(chatTexts)
  const { schoolId, chat } = useConversation()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const add = useAddMembers(schoolId, chat.id)
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault()
        add.mutate([...selected], { onSuccess: onDone })
      }}
    >
      <PeoplePicker
        schoolId={schoolId}
        legend={t('addMembers')}
        selected={selected}
        onChange={setSelected}
        exclude={present}
      />
      <FormErrors error={add.error} />
      <div className="actions">
        <button type="submit" className="primary small" disabled={selected.size === 0 || add.isPending}>
          {t('add')}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}

/**
 * Who is in the chat and with what role: nobody reads a chat invisibly; who is in quiet hours and will be told of a
 * message later. Group moderators add and remove here.
 */
export function MembersPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const { schoolId, chat, myId } = useConversation()
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
        <button type="button" className="small" onClick={onClose}>
          {t('closeMembers')}
        </button>
      </div>
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <ErrorMessage error={detail.error} />
      ) : (
        <>
          <p className="muted small-text">{t('memberCount', { count: members.length })}</p>
          <ul className="members">
            {members.map((m) => (
              <li key={m.accountId}>
                <span className="member-name">
                  {m.displayName}
                  {m.accountId === myId ? ` (${t('you')})` : ''}
                </span>
                <span className={m.role === 'Member' ? 'badge' : 'badge badge-role'}>{roleText(m.role, t)}</span>
                {/* In quiet hours (the school's night, a teacher's time off): a message sent now is told of then. */}
                {m.quietUntil ? (
                  <span className="member-quiet muted small-text">{quietLine(m.quietUntil, t, language)}</span>
                ) : null}
                {moderates && m.accountId !== myId && rank[m.role] < rank[chat.myRole] ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={t('moderate', { name: m.displayName })}
                    aria-expanded={tools === m.accountId}
                    onClick={() => setTools((open) => (open === m.accountId ? null : m.accountId))}
                  >
                    {t('moderateShort')}
                  </button>
                ) : null}
                {manages && m.accountId !== myId && rank[m.role] <= rank[chat.myRole] ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={t('removeMember', { name: m.displayName })}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(m.accountId)}
                  >
                    {t('removeShort')}
                  </button>
                ) : null}
                {tools === m.accountId ? (
                  <MemberTools
                    member={m}
                    mutedUntil={muted.get(m.accountId)}
                    onMuted={(until) =>
                      setMuted((all) => {
                        const next = new Map(all)
                        if (until) next.set(m.accountId, until)
                        else next.delete(m.accountId)
                        return next
                      })
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {!leaving ? <FormErrors error={remove.error} /> : null}
      {moderates && chat.kind !== 'Personal' && chat.kind !== 'Announcements' ? <ChatSettings /> : null}
      {manages && !adding ? (
        <p>
          <button type="button" className="small" onClick={() => setAdding(true)}>
            {t('addMembers')}
          </button>
        </p>
      ) : null}
      {manages && adding ? (
        <AddMembers present={new Set(members.map((m) => m.accountId))} onDone={() => setAdding(false)} />
      ) : null}
      {isGroup && !leaving ? (
        <p>
          <button type="button" className="small danger" onClick={() => setLeaving(true)}>
            {t('leave')}
          </button>
        </p>
      ) : null}
      {isGroup && leaving ? (
        <div className="confirm" role="group" aria-label={t('leave')}>
          <p>{t('confirmLeave')}</p>
          <FormErrors error={remove.error} />
          <div className="actions">
            <button
              type="button"
              className="small danger"
              autoFocus
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(myId, { onSuccess: () => navigate(`/school/${schoolId}/chats`, { replace: true }) })
              }
            >
              {t('confirmLeaveYes')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setLeaving(false)
                remove.reset()
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </aside>
  )
}
