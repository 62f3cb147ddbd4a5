import { lazy, Suspense, useEffect, useId, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { type ChatSummary, isStaffRole, type Me } from '../../lib/api-types'
import { useHubEvent } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { prefetchWhenIdle } from '../../lib/prefetch'
import { ApiError } from '../../lib/problem'
import { RequireSignIn } from '../../lib/require-sign-in'
import { useSchool } from '../../lib/session'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Loading } from '../../lib/ui'
import { useMessagesLive } from '../messages/live'
import { SearchBox, SearchResults } from '../messages/MessageSearch'
import { usePollsLive } from '../polls/live'
import { useChatDetail, useChatList } from './api'
import { ChatList } from './ChatList'
import { useChatsLive } from './live'
import { NewChatDialog, NewGroupDialog } from './NewChatDialogs'
import { chatTexts } from './texts'
import { chatTitle } from './titles'
import './chats.css'

// The conversation (history, composer, files, polls, voice: the features Conversation puts together) is most of this screen's code: the chat list comes
// without it (budget in scripts/bundle-budget.mjs), and it follows once the list is up and the browser is idle, so the
// first chat opened does not wait for it.
const loadConversation = () => import('./Conversation')
const Conversation = lazy(() => loadConversation().then((m) => ({ default: m.Conversation })))

/** A search result's chat, by its title; one not in my list (left since) is "Без названия". */
function useTitleOf() {
  const t = useT(chatTexts)
  return (chats: readonly ChatSummary[], chatId: string) => {
    const chat = chats.find((c) => c.id === chatId)
    return chat ? chatTitle(chat, t) : t('unnamed')
  }
}

function Chats({ me, schoolId, chatId }: { me: Me; schoolId: string; chatId?: string }) {
  const t = useT(chatTexts)
  const common = useT(commonTexts)
  const headingId = useId()
  const titleOf = useTitleOf()
  const navigate = useNavigate()
  useChatsLive()
  useMessagesLive(me.id)
  usePollsLive()
  const school = useSchool(schoolId)
  const list = useChatList(schoolId)
  const listed = list.data?.find((c) => c.id === chatId)
  // A chat that is not (yet) in the list, such as one opened by a link: asked for by itself.
  const detail = useChatDetail(schoolId, chatId ?? '', Boolean(chatId) && list.isSuccess && !listed)
  const chat = listed ?? detail.data?.chat
  const [dialog, setDialog] = useState<'personal' | 'group' | null>(null)
  const [removed, setRemoved] = useState(false)
  const [query, setQuery] = useState('')
  const [searchBox, setSearchBox] = useState(0)
  const isStaff = school.data?.myRoles.some(isStaffRole) ?? false
  const listUp = list.isSuccess
  useEffect(() => (listUp ? prefetchWhenIdle(loadConversation) : undefined), [listUp])
  const root = `/school/${schoolId}/chats`

  // The layout puts the unread count in front (lib/unread.ts).
  const title = `${chatId && chat ? chatTitle(chat, t) : t('title')} · ${common('brand')}`
  useEffect(() => {
    document.title = title
  }, [title])

  // The notice of a removal stays until another chat is opened.
  const [removedSeenFor, setRemovedSeenFor] = useState(chatId)
  if (chatId !== removedSeenFor) {
    setRemovedSeenFor(chatId)
    if (chatId) setRemoved(false)
  }

  useHubEvent('ChatRemoved', (e) => {
    if (e.schoolId === schoolId && e.chatId === chatId) {
      setRemoved(true)
      navigate(root, { replace: true })
    }
  })

  function opened(id: string) {
    setDialog(null)
    navigate(`${root}/${id}`)
  }

  let conversation
  if (!chatId) conversation = <p className="muted chats-placeholder">{t('chooseChat')}</p>
  else if (chat)
    conversation = (
      <Suspense fallback={<Loading />}>
        <Conversation key={chat.id} schoolId={schoolId} chat={chat} myId={me.id} />
      </Suspense>
    )
  else if (list.isError) conversation = <ErrorMessage error={list.error} />
  else if (detail.isError) {
    conversation =
      detail.error instanceof ApiError && detail.error.status === 404 ? (
        <div className="chats-placeholder">
          <p role="alert">{t('notFound')}</p>
          <p>
            <Link to={root}>{t('allChats')}</Link>
          </p>
        </div>
      ) : (
        <ErrorMessage error={detail.error} />
      )
  } else conversation = <Loading />

  return (
    <div className="chats" data-view={chatId ? 'conversation' : 'list'}>
      <section className="chats-list-pane" aria-labelledby={headingId}>
        <div className="chats-list-head">
          <h1 id={headingId}>{t('title')}</h1>
          <div className="actions">
            <button type="button" className="small primary" onClick={() => setDialog('personal')}>
              {t('write')}
            </button>
            {isStaff ? (
              <button type="button" className="small" onClick={() => setDialog('group')}>
                {t('newGroup')}
              </button>
            ) : null}
          </div>
        </div>
        <SearchBox key={searchBox} query={query} onSearch={setQuery} />
        {removed ? (
          <p className="notice" role="status">
            {t('removedFromChat')}
          </p>
        ) : null}
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorMessage error={list.error} />
        ) : query ? (
          <SearchResults
            schoolId={schoolId}
            query={query}
            titleOf={(id) => titleOf(list.data, id)}
            onClose={() => {
              setQuery('')
              setSearchBox((n) => n + 1)
            }}
          />
        ) : (
          <ChatList chats={list.data} schoolId={schoolId} currentId={chatId} myId={me.id} />
        )}
      </section>
      <div className="chats-conversation-pane">{conversation}</div>
      {dialog === 'personal' ? (
        <NewChatDialog schoolId={schoolId} onClose={() => setDialog(null)} onOpened={opened} />
      ) : null}
      {dialog === 'group' ? (
        <NewGroupDialog schoolId={schoolId} onClose={() => setDialog(null)} onOpened={opened} />
      ) : null}
    </div>
  )
}

export function ChatsPage() {
  const { schoolId = '', chatId } = useParams()
  return <RequireSignIn>{(me) => <Chats me={me} schoolId={schoolId} chatId={chatId} />}</RequireSignIn>
}
