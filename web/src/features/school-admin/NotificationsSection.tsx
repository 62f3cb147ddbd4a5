import { type FormEvent, useId, useState } from 'react'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { ErrorMessage, FormErrors, Loading, SelectField, TimeRange } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type NotificationPolicy, useNotificationPolicy, useSaveNotificationPolicy } from './api'
import { type AdminKey, adminTexts } from './texts'

/** Russia's time zones, west to east (no daylight saving time since 2014, so the offsets hold all year). */
export const russianTimeZones: { id: string; label: AdminKey }[] = [
  { id: 'Europe/Kaliningrad', label: 'tzKaliningrad' },
  { id: 'Europe/Moscow', label: 'tzMoscow' },
  { id: 'Europe/Samara', label: 'tzSamara' },
  { id: 'Asia/Yekaterinburg', label: 'tzYekaterinburg' },
  { id: 'Asia/Omsk', label: 'tzOmsk' },
  { id: 'Asia/Novosibirsk', label: 'tzNovosibirsk' },
  { id: 'Asia/Krasnoyarsk', label: 'tzKrasnoyarsk' },
  { id: 'Asia/Irkutsk', label: 'tzIrkutsk' },
  { id: 'Asia/Yakutsk', label: 'tzYakutsk' },
  { id: 'Asia/Vladivostok', label: 'tzVladivostok' },
  { id: 'Asia/Magadan', label: 'tzMagadan' },
  { id: 'Asia/Kamchatka', label: 'tzKamchatka' },
]

const fields = ['quietStart', 'quietEnd', 'timeZone', 'preview']

function PolicyForm({ schoolId, initial }: { schoolId: string; initial: NotificationPolicy }) {
  const t = useT(adminTexts)
  const id = useId()
  const save = useSaveNotificationPolicy(schoolId)
  const [form, setForm] = useState(initial)
  const change = (next: Partial<NotificationPolicy>) => {
    setForm((f) => ({ ...f, ...next }))
    save.reset()
  }
  // A zone set through the API outside this list stays choosable, under its own name.
  const zones = russianTimeZones.some((z) => z.id === initial.timeZone)
    ? russianTimeZones
    : [...russianTimeZones, { id: initial.timeZone, label: null }]

  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate(form)
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors error={save.error} fields={fields} />
      {save.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('saved')}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('quietTitle')}</legend>
        <p className="hint">{t('quietHint')}</p>
        <TimeRange
          start={{ name: 'quietStart', label: t('quietStart'), value: form.quietStart }}
          end={{ name: 'quietEnd', label: t('quietEnd'), value: form.quietEnd }}
          error={save.error}
          onChange={(name, value) => change({ [name]: value })}
        />
        <div className="switch-row">
          <input
            id={`${id}-parents`}
            type="checkbox"
            // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
            role="switch"
            checked={form.quietForParents}
            onChange={(e) => change({ quietForParents: e.target.checked })}
          />
          <label htmlFor={`${id}-parents`}>{t('quietForParents')}</label>
        </div>
      </fieldset>
      <SelectField
        label={t('timeZone')}
        name="timeZone"
        value={form.timeZone}
        onChange={(e) => change({ timeZone: e.target.value })}
        error={fieldError(save.error, 'timeZone')}
      >
        {zones.map((zone) => (
          <option key={zone.id} value={zone.id}>
            {zone.label ? t(zone.label) : zone.id}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend>{t('previewTitle')}</legend>
        <p className="hint">{t('previewHint')}</p>
        {(['None', 'Adults'] as const).map((preview) => (
          <div className="switch-row" key={preview}>
            <input
              id={`${id}-preview-${preview}`}
              type="radio"
              name="preview"
              checked={form.preview === preview}
              onChange={() => change({ preview })}
            />
            <label htmlFor={`${id}-preview-${preview}`}>
              {t(preview === 'None' ? 'previewNone' : 'previewAdults')}
            </label>
          </div>
        ))}
        {fieldError(save.error, 'preview') ? <p className="field-error">{fieldError(save.error, 'preview')}</p> : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('save')}
        </button>
      </div>
    </form>
  )
}

/** The console's "Уведомления": students' quiet hours (and parents'), the school's time zone, text on lock screens. */
export function NotificationsSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const policy = useNotificationPolicy(access.schoolId)
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('notifyTitle')}</h2>
      {policy.isPending ? (
        <Loading />
      ) : policy.isError ? (
        <ErrorMessage error={policy.error} />
      ) : (
        <PolicyForm schoolId={access.schoolId} initial={policy.data} />
      )}
    </section>
  )
}
