import type { CallNote, Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { formatDateTime, formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { PhoneIcon, VideoIcon } from '../../lib/icons'
import { useLanguage } from '../../lib/language'
import { callNoteLine } from './call-notes'
import { messageTexts } from './texts'

/** A call's note in the history: a centred line with its time, not a bubble ("Звонок завершён · 3:12 12:40"). */
export function CallNoteItem({ message, note }: { message: Message; note: CallNote }) {
  const t = useT(messageTexts)
  const language = useLanguage()
  const { myId } = useConversation()
  const starter = message.senderId === myId ? t('you') : message.senderName
  const missed = note.event === 'Missed' || note.event === 'Declined'
  return (
    <p className={missed ? 'call-note call-note-missed' : 'call-note'}>
      <span className="call-note-text">
        {note.video ? <VideoIcon size={16} /> : <PhoneIcon size={16} />}
        {callNoteLine(note, starter, t)}
      </span>{' '}
      <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, language)}>
        {formatTime(message.createdAt, language)}
      </time>
    </p>
  )
}
