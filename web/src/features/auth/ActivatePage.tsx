import { type FormEvent, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { dropRefusedPendingExternal, type PendingExternal, usePendingExternal } from '../../lib/pending-sign-in'
import { fieldError, problemKind, problemOf } from '../../lib/problem'
import { Field, FormErrors, Loading, Page } from '../../lib/ui'
import { useActivate } from './api'
import { authTexts } from './texts'

/** After an external sign-in linked to nobody (`?link=1`): whether activating links it too, or it waited too long. */
function LinkNote({ pending }: { pending: ReturnType<typeof usePendingExternal> }) {
  const t = useT(authTexts)
  if (pending.isPending) return <Loading />
  return (
    <p className="notice" role="status">
      {pending.data ? t('externalWillLink', { providerName: pending.data.providerName }) : t('externalExpired')}
    </p>
  )
}

export function ActivatePage() {
  const t = useT(authTexts)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const activate = useActivate()
  const linking = params.get('link') === '1'
  const pending = usePendingExternal(linking)
  const waiting: PendingExternal | null = linking ? (pending.data ?? null) : null
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
      { code, password, linkExternal: waiting !== null },
      {
        // Gone since the page opened (ten minutes), or another account's: the note says so, and the next try
        // activates without it.
        onError: (error) => {
          const problem = problemOf(error)
          if (problem) void dropRefusedPendingExternal(problemKind(problem), pending.refetch)
        },
        // A second factor is asked for on the sign-in page, its own document (signin.html).
        onSuccess: ({ signedIn }) => (signedIn ? navigate('/', { replace: true }) : window.location.replace('/signin')),
      },
    )
  }

  return (
    <Page title={t('activateTitle')}>
      <p>{t('activateIntro')}</p>
      {linking ? <LinkNote pending={pending} /> : null}
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
          <button type="submit" className="primary" disabled={activate.isPending || (linking && pending.isPending)}>
            {t('activateSubmit')}
          </button>
        </div>
      </form>
    </Page>
  )
}
