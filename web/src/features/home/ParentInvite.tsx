import { useId, useState } from 'react'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { qrUrl, useParentInvite } from './api'
import { homeTexts } from './texts'

/** The phone's own share sheet (messengers, mail, SMS) where there is one; copying where there is not. */
export function canShare(nav: Partial<Navigator> = navigator): boolean {
  return typeof nav.share === 'function'
}

function ShareLink({ url, label }: { url: string; label: string }) {
  const id = useId()
  const t = useT(homeTexts)
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setStatus('copied')
    } catch {
      setStatus('failed')
    }
  }

  async function share() {
    try {
      await navigator.share({ title: t('shareTitle'), text: t('shareText'), url })
    } catch (error) {
      // Closing the share sheet is not a failure; anything else falls back to copying.
      if (!(error instanceof DOMException && error.name === 'AbortError')) await copy()
    }
  }

  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {/* A text area wraps the whole link (an input cuts it off) and still selects it in one tap. */}
        <textarea
          id={id}
          className="share-link"
          readOnly
          rows={3}
          value={url}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        {canShare() ? (
          <button type="button" className="primary" onClick={share}>
            {t('share')}
          </button>
        ) : null}
        <button type="button" onClick={copy}>
          {t('copyLink')}
        </button>
      </div>
      <p role="status" className="hint">
        {status === 'copied' ? t('copied') : status === 'failed' ? t('copyFailed') : ''}
      </p>
    </>
  )
}

export function ParentInvite({ schoolId }: { schoolId: string }) {
  const t = useT(homeTexts)
  const language = useLanguage()
  const headingId = useId()
  const invite = useParentInvite(schoolId)

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h3 id={headingId}>{t('parentInviteTitle')}</h3>
      <p>{t('parentInviteIntro')}</p>
      {invite.data ? null : (
        <button type="button" className="primary" disabled={invite.isPending} onClick={() => invite.mutate()}>
          {t('parentInviteButton')}
        </button>
      )}
      <FormErrors error={invite.error} />
      {invite.data ? (
        <div className="invite-result">
          <ShareLink url={invite.data.url} label={t('parentInviteLink')} />
          <p className="hint">
            {t('parentInviteTerms', { date: formatDate(invite.data.expiresAt, language), uses: invite.data.maxUses })}
          </p>
          <img
            className="qr"
            src={qrUrl(schoolId, invite.data.id)}
            alt={t('parentInviteQr')}
            width={240}
            height={240}
          />
        </div>
      ) : null}
    </section>
  )
}
