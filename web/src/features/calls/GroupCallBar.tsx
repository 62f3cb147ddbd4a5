import { useQuery, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useState, useSyncExternalStore } from 'react'
import type { CallResponse } from '../../lib/api-types'
import { chatKeys } from '../../lib/chat-api'
import { useConversation } from '../../lib/conversation'
import { useHubConnected, useHubEvent } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { HangUpIcon, VideoIcon } from '../../lib/icons'
import { useSchool } from '../../lib/session'
import { restrictionOf } from '../messages/restriction'
import './calls.css'
import { fetchCurrentCall } from './group-api'
import { joinedPeople } from './group-status'
import { currentCall, subscribeCurrentCall } from './store'
import { groupCallTexts } from './texts'

// In a group chat (any but personal chats and announcements): "Начать звонок" in the head, and the bar "Идёт звонок ·
// N участников — Присоединиться" while a call is in progress. Both open the device check first; the call's own code
// (the session, the WebRTC, the call screen) loads only then.
const DeviceCheck = lazy(() => import('./DeviceCheck').then((m) => ({ default: m.DeviceCheck })))

/** A chat where a group call can be started or joined by me now. */
function useGroupCallChat() {
  const conversation = useConversation()
  const { chat } = conversation
  const possible =
    chat.kind !== 'Personal' && chat.kind !== 'Announcements' && chat.canPost && restrictionOf(chat) === 'None'
  return { ...conversation, possible }
}

/** The chat's call in progress (null: none), kept current by CallChanged and asked again after a reconnection. */
function useChatCall(schoolId: string, chatId: string, enabled: boolean) {
  const queryClient = useQueryClient()
  const queryKey = [...chatKeys.chat(schoolId, chatId), 'call'] as const
  const query = useQuery({ queryKey, queryFn: () => fetchCurrentCall(schoolId, chatId), enabled, staleTime: 0 })
  useHubEvent('CallChanged', ({ schoolId: school, call }) => {
    if (school !== schoolId || call.chatId !== chatId || call.kind !== 'Group') return
    queryClient.setQueryData<CallResponse | null>(queryKey, call.endedAt === null ? call : null)
  })
  useHubConnected(() => void queryClient.invalidateQueries({ queryKey }))
  return query.data ?? null
}

/** Opens the device check, then starts the call (callId null) or joins it. */
function useEnterCall(chatTitle: string) {
  const { schoolId, chat, myId } = useConversation()
  const schoolRoles = useSchool(schoolId).data?.myRoles ?? []
  const [checking, setChecking] = useState<{ callId: string | null } | null>(null)

  function enter(stream: MediaStream | null) {
    const callId = checking?.callId ?? null
    setChecking(null)
    const hint = { chatModerator: chat.myRole !== 'Member', schoolRoles }
    import('./enter-group-call')
      .then(({ enterGroupCall }) =>
        enterGroupCall({ schoolId, chatId: chat.id, chatTitle, myId, hint, callId, stream }),
      )
      // Offline and not loaded yet: the media goes off and the button can be pressed again.
      .catch(() => stream?.getTracks().forEach((track) => track.stop()))
  }

  return { checking, check: (callId: string | null) => setChecking({ callId }), cancel: () => setChecking(null), enter }
}

function Check({
  label,
  enter,
  cancel,
}: {
  label: string
  enter: (stream: MediaStream | null) => void
  cancel: () => void
}) {
  return (
    <Suspense fallback={null}>
      <DeviceCheck confirmLabel={label} onConfirm={enter} onCancel={cancel} />
    </Suspense>
  )
}

/** "Начать звонок" in the head of a group chat where I may write, while no call is in progress there. */
export function GroupCallButton({ chatTitle }: { chatTitle: string }) {
  const t = useT(groupCallTexts)
  const { schoolId, chat, possible } = useGroupCallChat()
  const call = useChatCall(schoolId, chat.id, possible)
  const inCall = useSyncExternalStore(subscribeCurrentCall, currentCall, currentCall) !== null
  const { checking, check, cancel, enter } = useEnterCall(chatTitle)
  if (!possible || call) return null
  return (
    <div className="call-start">
      <button
        type="button"
        className="call-start-button"
        title={t('startCall')}
        disabled={inCall}
        onClick={() => check(null)}
      >
        <VideoIcon />
        <span className="visually-hidden">{t('startCall')}</span>
      </button>
      {checking ? <Check label={t('startCall')} enter={enter} cancel={cancel} /> : null}
    </div>
  )
}

/**
 * "Идёт звонок · N участников — Присоединиться" under the head; while this tab is in the call and its screen gives way
 * to the chat, "Вернуться к звонку" and "Выйти из звонка" instead (elsewhere in the app the call's own small bar has them).
 */
export function GroupCallBar({ chatTitle }: { chatTitle: string }) {
  const t = useT(groupCallTexts)
  const { schoolId, chat, possible } = useGroupCallChat()
  const call = useChatCall(schoolId, chat.id, possible)
  const session = useSyncExternalStore(subscribeCurrentCall, currentCall, currentCall)
  const { checking, check, cancel, enter } = useEnterCall(chatTitle)
  if (!possible || !call) return null
  const mine = session?.kind === 'group' && !session.finished && session.currentCallId === call.id ? session : null
  return (
    <div className="group-call-bar">
      <VideoIcon />
      <p>{t('inProgress', { count: joinedPeople(call).length })}</p>
      {mine ? (
        <>
          <button type="button" className="small primary" onClick={() => mine.setMinimized(false)}>
            {t('backToCall')}
          </button>
          <button type="button" className="small danger call-bar-leave" title={t('leave')} onClick={mine.leave}>
            <HangUpIcon />
            <span className="visually-hidden">{t('leave')}</span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="small primary"
          disabled={session !== null && !session.finished}
          onClick={() => check(call.id)}
        >
          {t('join')}
        </button>
      )}
      {checking ? <Check label={t('join')} enter={enter} cancel={cancel} /> : null}
    </div>
  )
}
