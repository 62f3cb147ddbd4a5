import { Link } from 'react-router-dom'
import { useConversation } from '../../lib/conversation'
import { formatDay, formatTime } from '../../lib/format'
import { PeopleIcon } from '../../lib/icons'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { CallButtons } from '../calls/CallButtons'
import { ChatNotificationsMenu } from './ChatNotifications'
import { MutedMarker } from './MutedMarker'
import { quietLine } from './notify-times'
import { chatTexts } from './texts'

/**
 * The conversation's title row: back to the list, the title with presence (personal) or the member count, and in a
 * personal chat when the other person will be told of a message sent now (quiet hours); the call buttons (a personal
 * chat where I may write; "Начать звонок" in a group chat), this chat's notifications, the members button.
 */
export function ConversationHead({
  title,
  titleId,
  membersOpen,
  panelId,
  onToggleMembers,
}: {
  title: string
  titleId: string
  membersOpen: boolean
  panelId: string
  onToggleMembers: () => void
}) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const { schoolId, chat, myId, members } = useConversation()
  const other = chat.kind === 'Personal' ? members?.find((m) => m.accountId !== myId) : undefined
  const presence = other?.presence
  const presenceLine = presence
    ? presence.online
      ? t('online')
      : presence.lastSeenAt
        ? t('lastSeen', {
            time: `${formatDay(presence.lastSeenAt, language)} ${formatTime(presence.lastSeenAt, language)}`,
          })
        : null
    : null
  return (
    <header className="conversation-head">
      <Link to={`/school/${schoolId}/chats`} className="back-link">
        <span aria-hidden="true">← </span>
        <span className="narrow-hidden">{t('allChats')}</span>
      </Link>
      <div className="conversation-title">
        <div className="conversation-title-row">
          <h2 id={titleId}>{title}</h2>
          <MutedMarker chat={chat} size={16} />
        </div>
        <p className="muted small-text">{presenceLine ?? t('memberCount', { count: chat.memberCount })}</p>
        {other?.quietUntil ? <p className="muted small-text">{quietLine(other.quietUntil, t, language)}</p> : null}
      </div>
      <CallButtons title={title} />
      <ChatNotificationsMenu />
      <button
        type="button"
        className="small"
        aria-expanded={membersOpen}
        aria-controls={membersOpen ? panelId : undefined}
        onClick={onToggleMembers}
      >
        <span className="narrow-only" aria-hidden="true">
          <PeopleIcon />
        </span>
        <span className="narrow-hidden">{t('members')}</span>
      </button>
    </header>
  )
}
