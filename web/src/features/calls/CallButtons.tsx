import { useSyncExternalStore } from 'react'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { PhoneIcon, VideoIcon } from '../../lib/icons'
import { restrictionOf } from '../messages/restriction'
import './calls.css'
import { GroupCallButton } from './GroupCallBar'
import { currentCall, subscribeCurrentCall } from './store'
import { callTexts } from './texts'

/**
 * "Позвонить" and "Видеозвонок" in the head of a personal chat where I may write; "Начать звонок" in a group chat's
 * (GroupCallButton). The call's code loads on the first press; the call screen then opens over the app and says how
 * the call goes, or why it could not be placed. While this tab is in a call, they wait.
 */
export function CallButtons({ title }: { title: string }) {
  const t = useT(callTexts)
  const { schoolId, chat, myId } = useConversation()
  const inCall = useSyncExternalStore(subscribeCurrentCall, currentCall, currentCall) !== null
  if (chat.kind !== 'Personal') return <GroupCallButton chatTitle={title} />
  if (!chat.canPost || restrictionOf(chat) !== 'None') return null
  const peerName = title

  function call(video: boolean) {
    import('./session')
      .then(({ placeCall }) => placeCall({ schoolId, chatId: chat.id, myId, video, peerName }))
      // Offline and not loaded yet: nothing happens, and the button can be pressed again.
      .catch(() => undefined)
  }

  return (
    <div className="call-start">
      <button
        type="button"
        className="call-start-button"
        title={t('call')}
        disabled={inCall}
        onClick={() => call(false)}
      >
        <PhoneIcon />
        <span className="visually-hidden">{t('call')}</span>
      </button>
      <button
        type="button"
        className="call-start-button"
        title={t('videoCall')}
        disabled={inCall}
        onClick={() => call(true)}
      >
        <VideoIcon />
        <span className="visually-hidden">{t('videoCall')}</span>
      </button>
    </div>
  )
}
