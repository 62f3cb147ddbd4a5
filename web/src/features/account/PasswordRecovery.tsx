import { type FormEvent, useEffect, useId, useState } from 'react'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { Field, FormErrors } from '../../lib/ui'
import { useRecoverPassword, useSignInLinks } from './api'
import { accountTexts } from './texts'

/**
 * A forgotten password, after signing in with a linked identity: a new one without the old, for 15 minutes
 * (`passwordRecoveryUntil`). Shown first and highlighted while that lasts; the section goes when the server says it
 * has passed, asked again at that moment.
 */
export function PasswordRecovery() {
  const t = useT(accountTexts)
  const language = useLanguage()
  const headingId = useId()
  const links = useSignInLinks()
  const recover = useRecoverPassword()
  const [password, setPassword] = useState('')
  const until = links.data?.passwordRecoveryUntil ?? null
  const { refetch } = links

  useEffect(() => {
    if (!until) return
    const timer = window.setTimeout(() => void refetch(), Math.max(0, Date.parse(until) - Date.now()) + 1000)
    return () => window.clearTimeout(timer)
  }, [until, refetch])

  function submit(event: FormEvent) {
    event.preventDefault()
    recover.mutate(password, { onSuccess: () => setPassword('') })
  }

  // The session is no longer a recovery one once the password is set, so the form goes and the outcome stays.
  if (recover.isSuccess)
    return (
      <p role="status" className="alert alert-success">
        {t('recovered')}
      </p>
    )
  if (!until) return null
  return (
    <section className="notice" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('recoveryTitle')}</h2>
      <p>{t('recoveryIntro', { time: formatTime(until, language) })}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={recover.error} fields={['newPassword']} />
        <Field
          label={t('newPassword')}
          hint={t('passwordHint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(recover.error, 'newPassword')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={recover.isPending}>
            {t('recoverySubmit')}
          </button>
        </div>
      </form>
    </section>
  )
}
