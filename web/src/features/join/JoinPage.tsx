import { type FormEvent, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router-dom'
import type { Me } from '../../lib/api-types'
import { type Translate, useT } from '../../lib/i18n'
import { dropRefusedPendingExternal, usePendingExternal } from '../../lib/pending-sign-in'
import { fieldError, problemKind, problemOf } from '../../lib/problem'
import { useMe } from '../../lib/session'
import { ErrorMessage, Field, FormErrors, Loading, Page } from '../../lib/ui'
import { type InvitePreview, useInvitePreview, useJoin } from './api'
import { splitLogin } from './login-kind'
import { joinTexts } from './texts'

type JoinKey = keyof typeof joinTexts.ru

function describe(preview: InvitePreview, t: Translate<JoinKey>): string {
  const params = { school: preview.schoolName, className: preview.className ?? '', child: preview.childName ?? '' }
  switch (preview.role) {
    case 'Student':
      return t(preview.className ? 'inviteStudentClass' : 'inviteStudent', params)
    case 'Parent':
      if (!preview.className) return t('inviteParentNoClass', params)
      return t(preview.childName ? 'inviteParentOf' : 'inviteParent', params)
    case 'Teacher':
      return t('inviteTeacher', params)
    case 'Staff':
      return t('inviteStaff', params)
    case 'Admin':
      return t('inviteAdmin', params)
  }
}

function ChildNameField({
  value,
  onChange,
  join,
}: {
  value: string
  onChange: (v: string) => void
  join: ReturnType<typeof useJoin>
}) {
  const t = useT(joinTexts)
  return (
    <Field
      label={t('childName')}
      hint={t('childNameHint')}
      name="childName"
      autoComplete="off"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={fieldError(join.error, 'childName')}
    />
  )
}

function JoinAsMember({
  me,
  join,
  asksChildName,
}: {
  me: Me
  join: ReturnType<typeof useJoin>
  asksChildName: boolean
}) {
  const t = useT(joinTexts)
  const [childName, setChildName] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    join.mutate({ request: asksChildName ? { childName: childName.trim() } : {}, registers: false })
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('signedInAs', { name: me.displayName })}</p>
      <FormErrors error={join.error} fields={asksChildName ? ['childName'] : []} />
      {asksChildName ? <ChildNameField value={childName} onChange={setChildName} join={join} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={join.isPending}>
          {t('join')}
        </button>
      </div>
    </form>
  )
}

function Register({
  token,
  join,
  asksChildName,
  linking,
}: {
  token: string
  join: ReturnType<typeof useJoin>
  asksChildName: boolean
  /** Came from an external sign-in linked to nobody (`?link=1`): the new account gets it when it still waits. */
  linking: boolean
}) {
  const t = useT(joinTexts)
  const [displayName, setDisplayName] = useState('')
  const [childName, setChildName] = useState('')
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const pending = usePendingExternal(linking)
  const waiting = linking ? (pending.data ?? null) : null

  function submit(event: FormEvent) {
    event.preventDefault()
    const child = asksChildName ? { childName: childName.trim() } : {}
    const link = waiting ? { linkExternal: true } : {}
    join.mutate(
      {
        request: { displayName: displayName.trim(), password, ...splitLogin(login), ...child, ...link },
        registers: true,
      },
      {
        // Gone since the page opened (ten minutes), or another account's: the note says so, and the next try
        // registers without it.
        onError: (error) => {
          const problem = problemOf(error)
          if (problem) void dropRefusedPendingExternal(problemKind(problem), pending.refetch)
        },
      },
    )
  }

  return (
    <>
      <h2>{t('registerTitle')}</h2>
      {!linking ? null : pending.isPending ? (
        <Loading />
      ) : (
        <p className="notice" role="status">
          {waiting ? t('externalWillLink', { providerName: waiting.providerName }) : t('externalExpired')}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={join.error} fields={['displayName', 'login', 'phone', 'email', 'password', 'childName']} />
        <Field
          label={t('displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldError(join.error, 'displayName')}
        />
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
          error={fieldError(join.error, 'login', 'phone', 'email')}
        />
        <Field
          label={t('password')}
          hint={t('passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(join.error, 'password')}
        />
        {asksChildName ? <ChildNameField value={childName} onChange={setChildName} join={join} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={join.isPending || (linking && pending.isPending)}>
            {t('register')}
          </button>
        </div>
      </form>
      <p>
        {t('haveAccount')}{' '}
        <Link reloadDocument to={`/signin?next=${encodeURIComponent(`/join/${token}`)}`}>
          {t('signInFirst')}
        </Link>
      </p>
    </>
  )
}

export function JoinPage() {
  const t = useT(joinTexts)
  const { token = '' } = useParams()
  const [params] = useSearchParams()
  const preview = useInvitePreview(token)
  const me = useMe()
  const join = useJoin(token)
  // Remembered before the join: registering then signs in and refetches everything, the preview included.
  const [role, setRole] = useState<InvitePreview['role'] | null>(null)
  if (preview.data && role !== preview.data.role) setRole(preview.data.role)

  if (join.isSuccess && !join.data.signedIn) {
    return (
      <Page title={t('checkTitle')}>
        <p role="status">{t('checkDetails')}</p>
        <p>
          <Link reloadDocument to={`/signin?next=${encodeURIComponent(`/join/${token}`)}`}>
            {t('signInFirst')}
          </Link>
        </p>
      </Page>
    )
  }

  if (join.isSuccess) {
    return (
      <Page title={t('doneTitle')}>
        <p role="status">{t(role === 'Student' || role === 'Parent' ? 'doneClass' : 'doneSchool')}</p>
        <p>
          <Link to="/">{t('homeLink')}</Link>
        </p>
      </Page>
    )
  }

  return (
    <Page title={t('title')}>
      {preview.isPending || me.isPending ? (
        <Loading />
      ) : preview.isError ? (
        <ErrorMessage error={preview.error} />
      ) : (
        <>
          <p className="lead">{describe(preview.data, t)}</p>
          {me.data ? (
            <JoinAsMember me={me.data} join={join} asksChildName={preview.data.asksChildName} />
          ) : (
            <Register
              token={token}
              join={join}
              asksChildName={preview.data.asksChildName}
              linking={params.get('link') === '1'}
            />
          )}
        </>
      )}
    </Page>
  )
}
