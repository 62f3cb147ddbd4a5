import { useId } from 'react'
import { useT } from '../../lib/i18n'
import type { Device } from './media'
import { callTexts } from './texts'

/** A labelled list of microphones or cameras (those the browser names no label are numbered). */
export function DeviceSelect({
  label,
  devices,
  value,
  onChange,
}: {
  label: string
  devices: readonly Device[]
  value: string | null
  onChange: (id: string) => void
}) {
  const t = useT(callTexts)
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.id} value={d.id}>
            {d.label || t('device', { number: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  )
}
