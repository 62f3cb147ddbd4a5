import { useEffect, useRef, useState } from 'react'
import { useConversation } from '../../lib/conversation'
import { useMarkRead } from './api'

const readDelayMs = 500

/** Reading: the newest message that has been on screen a moment, while the tab is visible, moves my read mark. */
export function useReadMarking(lastVisibleSeq: number | null) {
  const { schoolId, chat, myId } = useConversation()
  const markRead = useMarkRead(schoolId, chat.id, myId)
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible')

  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', onChange)
    return () => document.removeEventListener('visibilitychange', onChange)
  }, [])

  const posted = useRef(0)
  useEffect(() => {
    const seq = lastVisibleSeq
    if (!visible || seq === null || seq <= chat.lastReadSeq || seq <= posted.current) return
    const timer = setTimeout(() => {
      posted.current = seq
      void markRead(seq)
    }, readDelayMs)
    return () => clearTimeout(timer)
  }, [lastVisibleSeq, chat.lastReadSeq, visible, markRead])
}
