import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router-dom'
import { isStaffRole, type Me } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { RequireSignIn } from '../../lib/require-sign-in'
import { useLeaveSession } from '../../lib/session'
import { Field, FormErrors, Page } from '../../lib/ui'
import { useChangePassword, useChooseLogin, useSignOutEverywhere } from './api'
import { PasswordRecovery } from './PasswordRecovery'
import { LinkedStatus, SignInLinksSection } from './SignInLinksSection'
import { accountTexts } from './texts'
import { TotpSection } from './TotpSection'

function Profile({ me }: { me: Me }) {
  const t = useT(accountTexts)
  const headingId = useId()
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('profile')}</h2>
      <dl className="facts">
        <dt>{t('name')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('login')}</dt>
        <dd>{me.login}</dd>
        <dt>{t('email')}</dt>
        <dd>{me.email ?? t('none')}</dd>
        <dt>{t('phone')}</dt>
        <dd>{me.phone ?? t('none')}</dd>
      </dl>
    </section>
  )
}

function ChooseLogin({ me }: { me: Me }) {
  const t = useT(accountTexts)
  const headingId = useId()
  const choose = useChooseLogin()
  const [login, setLogin] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    choose.mutate(login.trim(), { onSuccess: () => setLogin('') })
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('loginTitle')}</h2>
      <p>{t('loginIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={choose.error} fields={['login']} />
        {choose.isSuccess ? (
          <p role="status" className="alert alert-success">
            {t('loginChosen', { login: me.login })}
          </p>
        ) : null}
        <Field
          label={t('newLogin')}
          hint={t('loginHint')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={fieldError(choose.error, 'login')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={choose.isPending}>
            {t('chooseLogin')}
          </button>
        </div>
      </form>
    </section>
  )
}

function ChangePassword() {
  const t = useT(accountTexts)
  const headingId = useId()
  const change = useChangePassword()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    setMismatch(next !== repeat)
    if (next !== repeat) return
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('')
          setNext('')
          setRepeat('')
        },
      },
    )
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('passwordTitle')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={change.error} fields={['currentPassword', 'newPassword']} />
        {change.isSuccess ? (
          <p role="status" className="alert alert-success">
            {t('passwordChanged')}
          </p>
        ) : null}
        <Field
          label={t('currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldError(change.error, 'currentPassword')}
        />
        <Field
          label={t('newPassword')}
          hint={t('passwordHint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={fieldError(change.error, 'newPassword')}
        />
        <Field
          label={t('repeatPassword')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch ? t('passwordsDiffer') : undefined}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('changePassword')}
          </button>
        </div>
      </form>
    </section>
  )
}

function Notifications() {
  const t = useT(accountTexts)
  const headingId = useId()
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('notificationsTitle')}</h2>
      <p>{t('notificationsIntro')}</p>
      <p>
        <Link to="/settings/notifications">{t('notificationsLink')}</Link>
      </p>
    </section>
  )
}

function Sessions() {
  const t = useT(accountTexts)
  const headingId = useId()
  const everywhere = useSignOutEverywhere()
  const leave = useLeaveSession()
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sessionsTitle')}</h2>
      <p>{t('sessionsIntro')}</p>
      <FormErrors error={everywhere.error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={everywhere.isPending}
          onClick={() => everywhere.mutate(undefined, { onSuccess: leave })}
        >
          {t('signOutEverywhere')}
        </button>
      </div>
    </section>
  )
}

function Account({ me }: { me: Me }) {
  const staff = me.isOperator || me.memberships.some((m) => m.status === 'Confirmed' && isStaffRole(m.role))
  return (
    <>
      <LinkedStatus />
      <PasswordRecovery />
      <Profile me={me} />
      <ChooseLogin me={me} />
      <ChangePassword />
      <SignInLinksSection />
      {staff || me.twoFactorEnabled ? <TotpSection me={me} /> : null}
      <Notifications />
      <Sessions />
    </>
  )
}

export function AccountPage() {
  const t = useT(accountTexts)
  return (
    <Page title={t('title')}>
      <RequireSignIn>{(me) => <Account me={me} />}</RequireSignIn>
    </Page>
  )
}
