import { type FormEvent, useState } from 'react'
import type { ChatSummary, Message } from '../../lib/api-types'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { Dialog, ErrorMessage, Field, FormErrors, Loading, TextAreaField } from '../../lib/ui'
import { useChatList, useReport } from './api'
import { fold } from './mentions'
import { useForward } from './messages-api'
import { chatTexts } from './texts'
import { chatTitle, previewText } from './titles'

function Quoted({ message }: { message: Message }) {
  const t = useT(chatTexts)
  const language = useLanguage()
  return (
    <blockquote className="dialog-quote">
      <p className="small-text muted">{t('reportedMessage', { name: message.senderName, time: formatTime(message.createdAt, language) })}</p>
      <p>{previewText(message, t, 300)}</p>
    </blockquote>
  )
}

/** "Переслать": one of my chats where I may write; the copy keeps the text and says whom it came from. */
export function ForwardDialog({ schoolId, myId, message, onClose, onForwarded }: {
  schoolId: string
  myId: string
  message: Message
  onClose: () => void
  onForwarded: (chat: ChatSummary) => void
}) {
  const t = useT(chatTexts)
  const list = useChatList(schoolId)
  const forward = useForward(schoolId, myId)
  const [search, setSearch] = useState('')
  const needle = fold(search.trim())
  const chats = (list.data ?? []).filter((c) => c.canPost && fold(chatTitle(c, t)).includes(needle))

  return (
    <Dialog title={t('forwardTitle')} onClose={onClose}>
      <Quoted message={message} />
      <Field label={t('forwardSearch')} type="search" autoFocus value={search} onChange={(e) => setSearch(e.target.value)} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorMessage error={list.error} /> : chats.length === 0 ? <p className="muted">{t('forwardNone')}</p> : (
        <ul className="people-list">
          {chats.map((c) => (
            <li key={c.id}>
              <button type="button" className="person-button" disabled={forward.isPending}
                onClick={() => forward.mutate({ message, toChatId: c.id }, { onSuccess: () => onForwarded(c) })}>
                {chatTitle(c, t)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormErrors error={forward.error} />
    </Dialog>
  )
}

/** "Пожаловаться": a reason is required; the report goes to the school's safeguarding staff. */
export function ReportDialog({ schoolId, message, onClose }: { schoolId: string; message: Message; onClose: () => void }) {
  const t = useT(chatTexts)
  const report = useReport(schoolId, message.chatId)
  const [reason, setReason] = useState('')

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!reason.trim()) return
    report.mutate({ messageId: message.id, reason: reason.trim() })
  }

  return (
    <Dialog title={t('reportTitle')} onClose={onClose}>
      {report.isSuccess ? (
        <>
          <p className="alert alert-success" role="status">{t('reportSent')}</p>
          <div className="actions dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>{t('done')}</button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <Quoted message={message} />
          <TextAreaField label={t('reportReason')} hint={t('reportHint')} required maxLength={1000} autoFocus rows={4} value={reason}
            onChange={(e) => setReason(e.target.value)} error={fieldError(report.error, 'reason')} />
          <FormErrors error={report.error} fields={['reason']} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!reason.trim() || report.isPending}>{t('reportSend')}</button>
            <button type="button" onClick={onClose}>{t('cancel')}</button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
