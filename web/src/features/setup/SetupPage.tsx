import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { commonTexts } from '../../lib/texts'
import { fieldError } from '../../lib/problem'
import { Field, FormErrors, Loading, Page } from '../../lib/ui'
import { useOperatorSetup, useSetupTokenCheck } from './api'
import { setupTexts } from './texts'

export function SetupPage() {
  const t = useT(setupTexts)
  const common = useT(commonTexts)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const setup = useOperatorSetup()
  const token = params.get('token') ?? ''
  const check = useSetupTokenCheck(token)
  const [form, setForm] = useState({ displayName: '', login: '', email: '', password: '' })
  const change = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value })

  function submit(event: FormEvent) {
    event.preventDefault()
    setup.mutate(
      {
        token,
        displayName: form.displayName.trim(),
        login: form.login.trim(),
        password: form.password,
        email: form.email.trim() || undefined,
      },
      { onSuccess: () => navigate('/', { replace: true }) },
    )
  }

  // Once set up, the link is used by this very page: keep the form until we have moved on.
  const settled = setup.isPending || setup.isSuccess
  if (!settled && (!token || check.isError)) {
    return (
      <Page title={t('title')}>
        <p role="alert" className="alert alert-error">
          {t('linkUsed')}
        </p>
        <p>
          <Link to="/signin" reloadDocument>
            {t('signInLink')}
          </Link>
        </p>
      </Page>
    )
  }
  if (!settled && check.isPending)
    return (
      <Page title={t('title')}>
        <Loading />
      </Page>
    )

  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={setup.error} fields={['displayName', 'login', 'email', 'password']} />
        <Field
          label={t('displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={form.displayName}
          onChange={change('displayName')}
          error={fieldError(setup.error, 'displayName')}
        />
        <Field
          label={t('login')}
          hint={t('loginHint')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={form.login}
          onChange={change('login')}
          error={fieldError(setup.error, 'login')}
        />
        <Field
          label={`${t('email')} ${common('optional')}`}
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={change('email')}
          error={fieldError(setup.error, 'email')}
        />
        <Field
          label={t('password')}
          hint={t('passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={change('password')}
          error={fieldError(setup.error, 'password')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={setup.isPending}>
            {t('submit')}
          </button>
        </div>
      </form>
    </Page>
  )
}
