import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import {
  dismissPushPrompt,
  pushKeys,
  pushPromptDismissedAt,
  PushRefused,
  shouldAskForPush,
  subscribeThisBrowser,
  useThisBrowser,
} from '../../lib/push'
import { chatTexts } from './texts'

/**
 * "Получать уведомления, когда Сфера закрыта? — Включить / Не сейчас", above the composer of an open chat: asked
 * there rather than on the first screen, only where this browser can receive pushes, was never asked and has none;
 * "Не сейчас" is remembered here for 30 days (lib/push.ts `shouldAskForPush`).
 */
export function PushPrompt() {
  const t = useT(chatTexts)
  const language = useLanguage()
  const queryClient = useQueryClient()
  const browser = useThisBrowser()
  const [now] = useState(() => Date.now())
  const [dismissedAt, setDismissedAt] = useState(pushPromptDismissedAt)
  const [outcome, setOutcome] = useState<'denied' | 'failed' | null>(null)
  const [busy, setBusy] = useState(false)

  function later() {
    dismissPushPrompt()
    setDismissedAt(Date.now())
  }

  async function enable() {
    setBusy(true)
    try {
      await subscribeThisBrowser(language)
    } catch (error) {
      if (error instanceof PushRefused && error.reason === 'dismissed') later()
      else setOutcome(error instanceof PushRefused && error.reason === 'denied' ? 'denied' : 'failed')
    } finally {
      setBusy(false)
      await queryClient.invalidateQueries({ queryKey: pushKeys.thisBrowser })
      await queryClient.invalidateQueries({ queryKey: pushKeys.devices })
    }
  }

  if (outcome === 'denied')
    return (
      <div className="notice push-prompt" role="status">
        <p>
          {t('pushDenied')} <Link to="/settings/notifications">{t('pushSettings')}</Link>
        </p>
        <button type="button" className="small" onClick={() => setOutcome(null)}>
          {t('dismiss')}
        </button>
      </div>
    )
  const facts = browser.data
  if (!facts || !shouldAskForPush({ ...facts, subscribed: facts.endpoint !== null, dismissedAt, now })) return null
  return (
    <div className="notice push-prompt">
      <p>{t('pushAsk')}</p>
      <button type="button" className="small primary" disabled={busy} onClick={() => void enable()}>
        {t('pushEnable')}
      </button>
      <button type="button" className="small" disabled={busy} onClick={later}>
        {t('pushLater')}
      </button>
      {outcome === 'failed' ? (
        <p role="alert" className="field-error">
          {t('pushFailed')}
        </p>
      ) : null}
    </div>
  )
}
