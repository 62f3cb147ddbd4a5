import { Link } from 'react-router-dom'
import type { ChatSummary } from '../../lib/api-types'
import { listTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { LockIcon } from '../../lib/icons'
import { useLanguage } from '../../lib/language'
import { previewText } from '../messages/preview'
import { restrictionOf } from '../messages/restriction'
import { messageTexts } from '../messages/texts'
import { useTyping } from '../messages/typing'
import { MutedMarker } from './MutedMarker'
import { chatTexts } from './texts'
import { chatTitle } from './titles'

function ChatLink({
  chat,
  schoolId,
  current,
  myId,
  typing,
}: {
  chat: ChatSummary
  schoolId: string
  current: boolean
  myId: string
  typing?: readonly string[]
}) {
  const t = useT(chatTexts)
  const m = useT(messageTexts)
  const language = useLanguage()
  const last = chat.lastMessage
  const restricted = restrictionOf(chat) !== 'None'
  const who = last && (last.senderId === myId ? t('you') : chat.kind !== 'Personal' ? last.senderName : null)
  const preview = typing?.length
    ? m(
        typing.length === 1 ? 'typingOne' : 'typingMany',
        typing.length === 1 ? { name: typing[0] } : { names: typing.join(', ') },
      )
    : last
      ? `${who ? `${who}: ` : ''}${previewText(last, m)}`
      : t('noMessagesYet')
  return (
    <li>
      <Link
        to={`/school/${schoolId}/chats/${chat.id}`}
        className={chat.unreadCount > 0 ? 'chat-link chat-link-unread' : 'chat-link'}
        aria-current={current ? 'page' : undefined}
      >
        <span className="chat-link-top">
          <span className="chat-link-title">{chatTitle(chat, t)}</span>
          {restricted ? (
            <span className="chat-link-lock" title={t('restrictedMarker')}>
              <LockIcon size={14} />
              <span className="visually-hidden">{t('restrictedMarker')}</span>
            </span>
          ) : null}
          <MutedMarker chat={chat} />
          {last ? (
            <time className="chat-link-time" dateTime={last.createdAt}>
              {listTime(last.createdAt, language)}
            </time>
          ) : null}
        </span>
        <span className="chat-link-bottom">
          <span className={typing?.length ? 'chat-link-preview typing' : 'chat-link-preview'}>{preview}</span>
          <span className={chat.unreadCount > 0 ? 'unread-badge' : 'visually-hidden'}>
            {chat.unreadCount > 0 ? (
              <>
                <span aria-hidden="true">{chat.unreadCount}</span>
                <span className="visually-hidden">{t('unread', { count: chat.unreadCount })}</span>
              </>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  )
}

export function ChatList({
  chats,
  schoolId,
  currentId,
  myId,
}: {
  chats: ChatSummary[]
  schoolId: string
  currentId?: string
  myId: string
}) {
  const t = useT(chatTexts)
  const typing = useTyping()
  if (chats.length === 0) return <p className="muted">{t('noChats')}</p>
  return (
    <nav aria-label={t('chatList')}>
      <ul className="chat-list">
        {chats.map((chat) => (
          <ChatLink
            key={chat.id}
            chat={chat}
            schoolId={schoolId}
            current={chat.id === currentId}
            myId={myId}
            typing={typing.get(chat.id)}
          />
        ))}
      </ul>
    </nav>
  )
}
