import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { fieldError, problemKind, problemOf } from '../../lib/problem'
import { landingPath, loadMe, safeNext } from '../../lib/session'
import { Field, FormErrors, Page } from '../../lib/ui'
import { useSignIn } from './api'
import { authTexts } from './texts'

export function SignInPage() {
  const t = useT(authTexts)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const signIn = useSignIn()
  const queryClient = useQueryClient()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [totpCode, setTotpCode] = useState('')
  const [needTotp, setNeedTotp] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    signIn.mutate(
      { login: login.trim(), password, totpCode: needTotp ? totpCode.trim() : undefined },
      {
        onSuccess: async () => {
          const next = params.get('next')
          navigate(next ? safeNext(next) : landingPath(await loadMe(queryClient).catch(() => null)), { replace: true })
        },
        onError: (error) => {
          if (problemOf(error)?.extensions.totpRequired === true) setNeedTotp(true)
        },
      },
    )
  }

  function useAnotherAccount() {
    setNeedTotp(false)
    setTotpCode('')
    setPassword('')
    signIn.reset()
  }

  const problem = problemOf(signIn.error)
  const kind = problem ? problemKind(problem) : undefined
  // Asking for the code is the next step, not an error; a wrong code belongs beside the code field.
  const totpError = kind === 'totp-wrong' ? problem?.title : undefined
  const shownError = kind === 'totp-required' || kind === 'totp-wrong' ? null : signIn.error

  return (
    <Page title={t('signInTitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={shownError} fields={['login', 'password']} />
        {needTotp ? (
          <Field
            label={t('totpCode')}
            hint={t('totpHint')}
            name="totpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            value={totpCode}
            onChange={(e) => setTotpCode(e.target.value)}
            error={totpError}
          />
        ) : (
          <>
            <Field
              label={t('login')}
              hint={t('loginHint')}
              name="login"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              error={fieldError(signIn.error, 'login')}
            />
            <Field
              label={t('password')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError(signIn.error, 'password')}
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={signIn.isPending}>
            {t('submit')}
          </button>
          {needTotp ? (
            <button type="button" onClick={useAnotherAccount}>
              {t('otherAccount')}
            </button>
          ) : null}
        </div>
      </form>
      <ul className="links">
        <li>
          <Link to="/activate">{t('activateLink')}</Link>
        </li>
        <li>
          <Link to="/apply">{t('applyLink')}</Link>
        </li>
      </ul>
    </Page>
  )
}
