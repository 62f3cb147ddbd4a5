import { type FormEvent, useId, useState } from 'react'
import type { Me } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { CopyField, Field, FormErrors } from '../../lib/ui'
import { useTotpSetup, useTotpSwitch } from './api'
import { accountTexts } from './texts'

function CodeForm({ action, onDone }: { action: 'enable' | 'disable'; onDone: () => void }) {
  const t = useT(accountTexts)
  const change = useTotpSwitch(action)
  const [code, setCode] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    change.mutate(code, {
      onSuccess: () => {
        setCode('')
        onDone()
      },
    })
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors error={change.error} fields={['code']} />
      <Field
        label={t('totpCode')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError(change.error, 'code')}
      />
      <div className="actions">
        <button type="submit" className={action === 'enable' ? 'primary' : 'danger'} disabled={change.isPending}>
          {t(action === 'enable' ? 'totpEnable' : 'totpDisable')}
        </button>
      </div>
    </form>
  )
}

export function TotpSection({ me }: { me: Me }) {
  const t = useT(accountTexts)
  const headingId = useId()
  const setup = useTotpSetup()
  const [message, setMessage] = useState<string | null>(null)

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('totpTitle')}</h2>
      <p>{t('totpIntro')}</p>
      <p role="status">{message ?? t(me.twoFactorEnabled ? 'totpOn' : 'totpOff')}</p>
      {me.twoFactorEnabled ? (
        <CodeForm
          action="disable"
          onDone={() => {
            setup.reset()
            setMessage(t('totpDisabled'))
          }}
        />
      ) : setup.data ? (
        <>
          <p>{t('totpSteps')}</p>
          <CopyField
            label={t('totpKey')}
            value={setup.data.sharedKey.match(/.{1,4}/g)?.join(' ') ?? setup.data.sharedKey}
          />
          <CopyField label={t('totpUri')} value={setup.data.authenticatorUri} />
          <CodeForm action="enable" onDone={() => setMessage(t('totpEnabled'))} />
        </>
      ) : (
        <>
          <FormErrors error={setup.error} />
          <button
            type="button"
            disabled={setup.isPending}
            onClick={() => {
              setMessage(null)
              setup.mutate()
            }}
          >
            {t('totpStart')}
          </button>
        </>
      )}
    </section>
  )
}
