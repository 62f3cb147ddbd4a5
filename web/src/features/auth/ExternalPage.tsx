import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { api } from '../../lib/http'
import { useT } from '../../lib/i18n'
import type { Me } from '../../lib/api-types'
import { takeNextAfterExternal } from '../../lib/landing'
import { useMe } from '../../lib/session'
import { Field, FormErrors, Loading, Page } from '../../lib/ui'
import { type ExternalOutcome, useCompleteExternal, useForgetPendingExternal } from './api'
import { activationCode, completionOf, inviteToken, reasonKey } from './external-flow'
import { destination } from './signin-flow'
import { externalTexts } from './external-texts'

// Where the provider sends the browser back (the server redirects here, with `?error=` when it failed before
// answering): completes the sign-in or the link, asks for the authenticator code, or, for an identity linked to
// nobody, offers to go on with an activation code or an invite. Decisions in external-flow.ts.

/** Back to the sign-in page (its own document) and, when signed in, to the account page. */
function BackLinks({ back = 'signin' }: { back?: 'signin' | 'account' }) {
  const t = useT(externalTexts)
  const signedIn = Boolean(useMe().data)
  return (
    <ul className="links">
      {back === 'signin' || !signedIn ? (
        <li>
          <Link reloadDocument to="/signin">
            {t('toSignIn')}
          </Link>
        </li>
      ) : null}
      {signedIn ? (
        <li>
          <Link to="/account">{t('toAccount')}</Link>
        </li>
      ) : null}
    </ul>
  )
}

/** Signed in: a full load, since the session cookie just changed, to where the sign-in page was asked to lead (or
 * where a sign-in lands). Linked: the account page says so. */
function Arrived({ outcome }: { outcome: ExternalOutcome }) {
  const navigate = useNavigate()
  useEffect(() => {
    if (outcome.outcome === 'linked')
      navigate(`/account?linked=${encodeURIComponent(outcome.provider)}`, { replace: true })
    else {
      const next = takeNextAfterExternal()
      const me = next ? Promise.resolve(null) : api<Me>('/api/v1/me').catch(() => null)
      void me.then((who) => window.location.assign(destination(next, who)))
    }
  }, [outcome, navigate])
  return <Loading />
}

function TotpStep({
  complete,
  wrong,
}: {
  complete: ReturnType<typeof useCompleteExternal>
  wrong: string | undefined
}) {
  const t = useT(externalTexts)
  const [code, setCode] = useState('')
  const failed = complete.error ? completionOf(complete.error) : null

  function submit(event: FormEvent) {
    event.preventDefault()
    complete.mutate(code)
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('totpIntro')}</p>
      {failed?.kind === 'failed' ? <FormErrors error={complete.error} /> : null}
      <Field
        label={t('totpCode')}
        name="totpCode"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={wrong}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={complete.isPending}>
          {t('signIn')}
        </button>
      </div>
    </form>
  )
}

function WithCode() {
  const t = useT(externalTexts)
  const navigate = useNavigate()
  const [value, setValue] = useState('')
  const [missing, setMissing] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    const code = activationCode(value)
    setMissing(code === null)
    if (code) navigate(`/activate?code=${encodeURIComponent(code)}&link=1`)
  }

  return (
    <form className="form subsection" onSubmit={submit} noValidate>
      <Field
        label={t('code')}
        hint={t('codeHint')}
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        required
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={missing ? t('codeMissing') : undefined}
      />
      <div className="actions">
        <button type="submit" className="primary">
          {t('withCode')}
        </button>
      </div>
    </form>
  )
}

function WithInvite() {
  const t = useT(externalTexts)
  const navigate = useNavigate()
  const [value, setValue] = useState('')
  const [wrong, setWrong] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    const token = inviteToken(value)
    setWrong(token === null)
    if (token) navigate(`/join/${token}?link=1`)
  }

  return (
    <form className="form subsection" onSubmit={submit} noValidate>
      <Field
        label={t('invite')}
        hint={t('inviteHint')}
        name="invite"
        inputMode="url"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={wrong ? t('inviteWrong') : undefined}
      />
      <div className="actions">
        <button type="submit" className="primary">
          {t('withInvite')}
        </button>
      </div>
    </form>
  )
}

function NotLinked({ providerName }: { providerName: string }) {
  const t = useT(externalTexts)
  const forget = useForgetPendingExternal()
  return (
    <Page title={t('notLinkedTitle', { providerName })}>
      <p>{t('notLinkedText', { providerName })}</p>
      <WithCode />
      <WithInvite />
      <p className="subsection">
        <Link reloadDocument to="/signin">
          {t('withPassword')}
        </Link>
      </p>
      <FormErrors error={forget.error} />
      <div className="actions">
        <button
          type="button"
          disabled={forget.isPending}
          onClick={() => forget.mutate(undefined, { onSuccess: () => window.location.assign('/signin') })}
        >
          {t('cancel')}
        </button>
      </div>
    </Page>
  )
}

function Completing() {
  const t = useT(externalTexts)
  const complete = useCompleteExternal()
  const { mutate } = complete
  // Once per visit: the identity waits in a cookie the server clears when it is used (StrictMode runs effects twice).
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    mutate(undefined)
  }, [mutate])
  // Once asked for, the code step stays while the next code is checked.
  const [askedTotp, setAskedTotp] = useState(false)
  const view = complete.error ? completionOf(complete.error) : null
  if (view?.kind === 'totp' && !askedTotp) setAskedTotp(true)

  if (complete.data) return <Arrived outcome={complete.data} />
  if (view?.kind === 'notLinked') return <NotLinked providerName={view.providerName} />
  return (
    <Page title={t('title')}>
      {view?.kind === 'refused' ? (
        <>
          <p className="alert alert-error" role="alert">
            {view.title}
          </p>
          <BackLinks back={view.back} />
        </>
      ) : view?.kind === 'totp' || askedTotp ? (
        <TotpStep complete={complete} wrong={view?.kind === 'totp' ? view.wrong : undefined} />
      ) : view?.kind === 'failed' ? (
        <>
          <p className="alert alert-error" role="alert">
            {view.title}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => mutate(undefined)}>
              {t('tryAgain')}
            </button>
          </div>
          <BackLinks />
        </>
      ) : (
        <Loading />
      )}
    </Page>
  )
}

export function ExternalPage() {
  const t = useT(externalTexts)
  const [params] = useSearchParams()
  const reason = params.get('error')
  if (reason === null) return <Completing />
  return (
    <Page title={t('title')}>
      <p className="alert alert-error" role="alert">
        {t(reasonKey(reason))}
      </p>
      <BackLinks />
    </Page>
  )
}
