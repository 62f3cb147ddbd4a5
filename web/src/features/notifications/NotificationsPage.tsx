import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { isStaffRole, type Me } from '../../lib/api-types'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { type Device, PushRefused, useThisBrowser } from '../../lib/push'
import { RequireSignIn } from '../../lib/require-sign-in'
import { ErrorMessage, FormErrors, Loading, Page, TimeRange } from '../../lib/ui'
import {
  type NotificationSettings,
  useDevices,
  useEnablePush,
  useNotificationSettings,
  useRemoveDevice,
  useSaveNotificationSettings,
} from './api'
import { notificationTexts } from './texts'
import './notifications.css'

function Card({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  )
}

/** Whether this browser receives notifications, and the button that changes it (or why it cannot). */
function ThisDevice({ devices }: { devices: Device[] | undefined }) {
  const t = useT(notificationTexts)
  const language = useLanguage()
  const browser = useThisBrowser()
  const enable = useEnablePush()
  const remove = useRemoveDevice()
  if (browser.isPending) return <Loading />
  if (!browser.data) return <ErrorMessage error={browser.error} />
  const { availability, permission, endpoint } = browser.data
  // Subscribed here and known to the server (a device removed elsewhere is turned on again by "Включить").
  const device = endpoint ? devices?.find((d) => d.endpoint === endpoint) : undefined
  const on = endpoint !== null && (devices === undefined || device !== undefined)
  const refused = enable.error instanceof PushRefused ? enable.error.reason : null

  let body: ReactNode
  if (availability === 'install-first') body = <p>{t('installFirst')}</p>
  else if (availability === 'unsupported' || refused === 'unsupported') body = <p>{t('unsupported')}</p>
  else if (permission === 'denied')
    body = (
      <div className="alert alert-error" role="alert">
        <p>{t('denied')}</p>
        <p>{t('deniedHow')}</p>
      </div>
    )
  else
    body = (
      <>
        <p role="status">{on ? t('on') : t('off')}</p>
        {refused === 'dismissed' ? <p className="hint">{t('dismissed')}</p> : null}
        {enable.error && !refused ? (
          <FormErrors error={enable.error instanceof DOMException ? new Error(t('failed')) : enable.error} />
        ) : null}
        <FormErrors error={remove.error} />
        <div className="actions">
          {on ? (
            <button
              type="button"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ device: device ?? null, thisEndpoint: endpoint })}
            >
              {t('disable')}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={enable.isPending}
              onClick={() => {
                remove.reset()
                enable.mutate(language)
              }}
            >
              {t('enable')}
            </button>
          )}
        </div>
      </>
    )
  return <Card title={t('deviceTitle')}>{body}</Card>
}

function Devices({ devices, thisEndpoint }: { devices: Device[]; thisEndpoint: string | null }) {
  const t = useT(notificationTexts)
  const language = useLanguage()
  const remove = useRemoveDevice()
  return (
    <Card title={t('devicesTitle')}>
      <p className="hint">{t('devicesIntro')}</p>
      <FormErrors error={remove.error} />
      {devices.length === 0 ? (
        <p className="muted">{t('noDevices')}</p>
      ) : (
        <ul className="device-list" aria-label={t('devicesTitle')}>
          {devices.map((device) => {
            const name = device.device || t('unknownDevice')
            const here = thisEndpoint ? device.endpoint === thisEndpoint : device.thisSession
            return (
              <li key={device.id}>
                <div className="device-about">
                  <span className="device-name">{name}</span>
                  {here ? <span className="badge badge-ok">{t('thisDevice')}</span> : null}
                  <span className="hint">
                    {t('addedAt', { date: formatDateTime(device.createdAt, language) })}
                    {device.lastSentAt
                      ? ` · ${t('lastSent', { date: formatDateTime(device.lastSentAt, language) })}`
                      : ''}
                  </span>
                </div>
                <button
                  type="button"
                  className="small"
                  aria-label={t('removeLabel', { device: name })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ device, thisEndpoint })}
                >
                  {t('remove')}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </Card>
  )
}

const kinds = ['messages', 'mentions', 'calls', 'announcements'] as const
const days = [1, 2, 3, 4, 5, 6, 7] as const

function SettingsForm({ initial, staff }: { initial: NotificationSettings; staff: boolean }) {
  const t = useT(notificationTexts)
  const id = useId()
  const save = useSaveNotificationSettings()
  const [form, setForm] = useState(initial)
  const change = (next: Partial<NotificationSettings>) => {
    setForm((f) => ({ ...f, ...next }))
    save.reset()
  }
  const daysError = fieldError(save.error, 'workDays')

  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate({ ...form, workDays: [...form.workDays].sort((a, b) => a - b) })
  }

  return (
    <form className="form notification-settings" onSubmit={submit} noValidate>
      <Card title={t('kindsTitle')}>
        {kinds.map((kind) => (
          <div className="switch-row" key={kind}>
            <input
              id={`${id}-${kind}`}
              type="checkbox"
              // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
              role="switch"
              checked={form[kind]}
              onChange={(e) => change({ [kind]: e.target.checked })}
            />
            <label htmlFor={`${id}-${kind}`}>{t(kind)}</label>
          </div>
        ))}
        <p className="hint">{t('kindsHint')}</p>
      </Card>
      {staff ? (
        <Card title={t('workTitle')}>
          <p className="hint">{t('workHint')}</p>
          <div className="switch-row">
            <input
              id={`${id}-work`}
              type="checkbox"
              // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
              role="switch"
              checked={form.workingHoursOn}
              onChange={(e) => change({ workingHoursOn: e.target.checked })}
            />
            <label htmlFor={`${id}-work`}>{t('workOn')}</label>
          </div>
          {form.workingHoursOn ? (
            <>
              <TimeRange
                start={{ name: 'workStart', label: t('workStart'), value: form.workStart }}
                end={{ name: 'workEnd', label: t('workEnd'), value: form.workEnd }}
                error={save.error}
                onChange={(name, value) => change({ [name]: value })}
              />
              <fieldset
                className="week-days"
                aria-invalid={daysError ? true : undefined}
                aria-describedby={daysError ? `${id}-days-error` : undefined}
              >
                <legend>{t('workDays')}</legend>
                {days.map((day) => (
                  <span className="week-day" key={day}>
                    <input
                      id={`${id}-day-${day}`}
                      type="checkbox"
                      checked={form.workDays.includes(day)}
                      onChange={(e) =>
                        change({
                          workDays: e.target.checked ? [...form.workDays, day] : form.workDays.filter((d) => d !== day),
                        })
                      }
                    />
                    <label htmlFor={`${id}-day-${day}`}>{t(`day${day}`)}</label>
                  </span>
                ))}
                {daysError ? (
                  <p id={`${id}-days-error`} className="field-error">
                    {daysError}
                  </p>
                ) : null}
              </fieldset>
            </>
          ) : null}
        </Card>
      ) : null}
      <FormErrors error={save.error} fields={form.workingHoursOn ? ['workStart', 'workEnd', 'workDays'] : []} />
      {save.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('saved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('save')}
        </button>
      </div>
    </form>
  )
}

function Notifications({ me }: { me: Me }) {
  const t = useT(notificationTexts)
  const settings = useNotificationSettings()
  const devices = useDevices()
  const browser = useThisBrowser()
  // Working hours are for school staff: students' and parents' nights are the school's quiet hours.
  const staff = me.memberships.some((m) => m.status === 'Confirmed' && isStaffRole(m.role))
  return (
    <>
      <p className="lead">{t('intro')}</p>
      <ThisDevice devices={devices.data} />
      {devices.isError ? <ErrorMessage error={devices.error} /> : null}
      {devices.data ? <Devices devices={devices.data} thisEndpoint={browser.data?.endpoint ?? null} /> : null}
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorMessage error={settings.error} />
      ) : (
        <SettingsForm initial={settings.data} staff={staff} />
      )}
    </>
  )
}

export function NotificationsPage() {
  const t = useT(notificationTexts)
  return (
    <Page title={t('title')}>
      <RequireSignIn>{(me) => <Notifications me={me} />}</RequireSignIn>
    </Page>
  )
}
