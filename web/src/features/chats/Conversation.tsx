import { useEffect, useId, useRef, useState } from 'react'
import type { ChatSummary, FileResponse, Message } from '../../lib/api-types'
import { ConversationProvider } from '../../lib/conversation'
import { useHubState } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { GroupCallBar } from '../calls/GroupCallBar'
import { ImageViewer } from '../files/MessageAttachments'
import { type MessageSlots, MessagesPane, type MessagesPaneHandle } from '../messages/MessagesPane'
import { ReportDialog } from '../moderation/ReportDialog'
import { PollCard } from '../polls/PollCard'
import { PollDialog } from '../polls/PollDialog'
import { useChatDetail } from './api'
import { ConversationHead } from './ConversationHead'
import { ForwardDialog } from './ForwardDialog'
import { MembersPanel } from './MembersPanel'
import { PushPrompt } from './PushPrompt'
import { chatTexts } from './texts'
import { chatTitle } from './titles'
import { useDialog } from './use-dialog'

type ConversationDialog =
  | { kind: 'forward' | 'report'; message: Message }
  | { kind: 'poll' }
  | { kind: 'image'; images: FileResponse[]; index: number }

/**
 * An open chat, put together here from the features below: its head and members panel (chats), the messages pane
 * (messages, which draws files itself), poll cards and the poll dialog (polls), the report dialog (moderation), the
 * group call in progress (calls), forwarding to another chat, and the offer of notifications (PushPrompt). Everything inside reads the school, the chat and me from the ConversationProvider.
 */
export function Conversation({ schoolId, chat, myId }: { schoolId: string; chat: ChatSummary; myId: string }) {
  const t = useT(chatTexts)
  const titleId = useId()
  const panelId = useId()
  const detail = useChatDetail(schoolId, chat.id)
  const hub = useHubState()
  const pane = useRef<MessagesPaneHandle>(null)
  const { dialog, open, close } = useDialog<ConversationDialog>()
  const [forwardedTo, setForwardedTo] = useState('')
  const [membersOpen, setMembersOpen] = useState(false)

  // "Forwarded to …" says so for a while.
  useEffect(() => {
    if (!forwardedTo) return
    const timer = setTimeout(() => setForwardedTo(''), 8_000)
    return () => clearTimeout(timer)
  }, [forwardedTo])

  const slots: MessageSlots = {
    renderPoll: (message) => <PollCard message={message} />,
    onForward: (message) => open({ kind: 'forward', message }),
    onReport: (message) => open({ kind: 'report', message }),
    onCreatePoll: () => open({ kind: 'poll' }),
    onOpenImage: (images, index) => open({ kind: 'image', images, index }),
  }

  async function onPollPublished() {
    close()
    await pane.current?.showLatest()
  }

  const forwarded = forwardedTo ? (
    <div className="notice notice-success forwarded-notice" role="status">
      <p>{t('forwardedTo', { chat: forwardedTo })}</p>
      <button type="button" className="small" onClick={() => setForwardedTo('')}>
        {t('dismiss')}
      </button>
    </div>
  ) : null

  return (
    <ConversationProvider schoolId={schoolId} chat={chat} myId={myId} members={detail.data?.members}>
      <section
        className={membersOpen ? 'conversation conversation-with-panel' : 'conversation'}
        aria-labelledby={titleId}
      >
        <ConversationHead
          title={chatTitle(chat, t)}
          titleId={titleId}
          membersOpen={membersOpen}
          panelId={panelId}
          onToggleMembers={() => setMembersOpen((o) => !o)}
        />
        <div className="conversation-bars">
          {hub === 'reconnecting' ? (
            <p className="connection-banner" role="status">
              {t('offline')}
            </p>
          ) : null}
          <GroupCallBar chatTitle={chatTitle(chat, t)} />
        </div>
        <MessagesPane
          slots={slots}
          notice={
            <>
              {forwarded}
              <PushPrompt />
            </>
          }
          handle={pane}
        />
        {dialog?.kind === 'forward' ? (
          <ForwardDialog
            message={dialog.message}
            onClose={close}
            onForwarded={(to) => {
              close()
              setForwardedTo(chatTitle(to, t))
            }}
          />
        ) : null}
        {dialog?.kind === 'report' ? <ReportDialog message={dialog.message} onClose={close} /> : null}
        {dialog?.kind === 'poll' ? <PollDialog onClose={close} onPublished={() => void onPollPublished()} /> : null}
        {dialog?.kind === 'image' ? <ImageViewer images={dialog.images} index={dialog.index} onClose={close} /> : null}
        {membersOpen ? <MembersPanel id={panelId} onClose={() => setMembersOpen(false)} /> : null}
      </section>
    </ConversationProvider>
  )
}
