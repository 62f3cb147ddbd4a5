import { useEffect, useId, useRef, useState } from 'react'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { BellIcon, BellOffIcon } from '../../lib/icons'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { type ChatNotificationsMode, useChatNotifications } from './api'
import { mutedLabel, muteState } from './notify-times'
import { chatTexts } from './texts'

const choices: { mode: ChatNotificationsMode; text: 'muteHour' | 'muteDay' | 'muteOff' }[] = [
  { mode: 'Hour', text: 'muteHour' },
  { mode: 'Day', text: 'muteDay' },
  { mode: 'Off', text: 'muteOff' },
]

/** The head's bell: "Без уведомлений: на час / на день / пока не включу", and "Включить уведомления" while muted. */
export function ChatNotificationsMenu() {
  const t = useT(chatTexts)
  const language = useLanguage()
  const { schoolId, chat } = useConversation()
  const menuId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [open, setOpen] = useState(false)
  const change = useChatNotifications(schoolId, chat.id)
  const state = muteState(chat.notificationsOffUntil)
  const label = mutedLabel(state, t, language)

  // A press anywhere else closes it; so does Escape, giving the focus back to the bell.
  useEffect(() => {
    if (!open) return
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false)
    }
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('pointerdown', outside)
    document.addEventListener('keydown', escape)
    return () => {
      document.removeEventListener('pointerdown', outside)
      document.removeEventListener('keydown', escape)
    }
  }, [open])

  function choose(mode: ChatNotificationsMode) {
    change.mutate(mode, {
      onSuccess: () => {
        setOpen(false)
        button.current?.focus()
      },
    })
  }

  return (
    <div className="chat-notify" ref={box}>
      <button
        ref={button}
        type="button"
        className="call-start-button"
        title={label ?? t('chatNotifications')}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          change.reset()
          setOpen((o) => !o)
        }}
      >
        {state.kind === 'on' ? <BellIcon /> : <BellOffIcon />}
        <span className="visually-hidden">{t('chatNotifications')}</span>
      </button>
      {open ? (
        <div id={menuId} className="chat-notify-menu" role="group" aria-label={t('chatNotifications')}>
          {label ? (
            <>
              <p className="chat-notify-state">{label}</p>
              <button type="button" className="small" disabled={change.isPending} onClick={() => choose('On')}>
                {t('unmute')}
              </button>
            </>
          ) : null}
          <p className="chat-notify-state">{t('muteFor')}</p>
          {choices.map((c) => (
            <button
              key={c.mode}
              type="button"
              className="small"
              aria-label={t(`${c.text}Label`)}
              disabled={change.isPending}
              onClick={() => choose(c.mode)}
            >
              {t(c.text)}
            </button>
          ))}
          <p className="hint">{t('muteNote')}</p>
          <FormErrors error={change.error} />
        </div>
      ) : null}
    </div>
  )
}
