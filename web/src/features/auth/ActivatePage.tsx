import { type FormEvent, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { Field, FormErrors, Page } from '../../lib/ui'
import { useActivate } from './api'
import { authTexts } from './texts'

export function ActivatePage() {
  const t = useT(authTexts)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const activate = useActivate()
  const [code, setCode] = useState(params.get('code') ?? '')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (password !== repeat) {
      setMismatch(true)
      return
    }
    setMismatch(false)
    activate.mutate(
      { code, password },
      {
        // A second factor is asked for on the sign-in page, its own document (signin.html).
        onSuccess: ({ signedIn }) => (signedIn ? navigate('/', { replace: true }) : window.location.replace('/signin')),
      },
    )
  }

  return (
    <Page title={t('activateTitle')}>
      <p>{t('activateIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={activate.error} fields={['code', 'password']} />
        <Field
          label={t('code')}
          hint={t('codeHint')}
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError(activate.error, 'code')}
        />
        <Field
          label={t('newPassword')}
          hint={t('passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(activate.error, 'password')}
        />
        <Field
          label={t('repeatPassword')}
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch ? t('passwordsDiffer') : undefined}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={activate.isPending}>
            {t('activateSubmit')}
          </button>
        </div>
      </form>
    </Page>
  )
}
