import {
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import { useT } from './i18n'
import { fieldError, formMessages } from './problem'
import { commonTexts } from './texts'

/** A screen's heading, also used as the document title. */
export function Page({ title, children, wide }: { title: string; children?: ReactNode; wide?: boolean }) {
  const t = useT(commonTexts)
  useEffect(() => {
    document.title = `${title} · ${t('brand')}`
  }, [title, t])
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <h1>{title}</h1>
      {children}
    </div>
  )
}

interface FieldFrameProps {
  label: string
  error?: string
  hint?: ReactNode
}

function useFieldIds(error?: string, hint?: ReactNode) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return { id, describedBy }
}

function FieldNotes({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  )
}

export function Field({ label, error, hint, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  )
}

/** One end of a {@link TimeRange}: the field's name (as the server names it in errors), its label and value. */
export interface TimeEnd {
  name: string
  label: string
  value: string
}

/** A start and an end time side by side where they fit, each labelled and showing the server's error on its field
 * (working hours, a school's quiet hours). */
export function TimeRange({
  start,
  end,
  error,
  onChange,
}: {
  start: TimeEnd
  end: TimeEnd
  error: unknown
  onChange: (name: string, value: string) => void
}) {
  return (
    <div className="time-range">
      {[start, end].map((t) => (
        <Field
          key={t.name}
          label={t.label}
          type="time"
          name={t.name}
          value={t.value}
          onChange={(e) => onChange(t.name, e.target.value)}
          error={fieldError(error, t.name)}
        />
      ))}
    </div>
  )
}

export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {children}
      </select>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  )
}

export function TextAreaField({
  label,
  error,
  hint,
  ...area
}: FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...area} />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  )
}

/** Problems that belong to no input of the form (or the title when there are no field errors). */
export function FormErrors({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const messages = formMessages(error, fields)
  if (messages.length === 0) return null
  return (
    <div className="alert alert-error" role="alert">
      {messages.map((message, i) => (
        <p key={i}>{message}</p>
      ))}
    </div>
  )
}

/**
 * A button that asks before it acts: pressed, it turns into the question with "yes" and "cancel" (focus on "yes"),
 * and the action's errors below the question.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  cancelLabel,
  danger,
  pending,
  error,
  onConfirm,
}: {
  label: string
  question: string
  confirmLabel: string
  cancelLabel: string
  danger?: boolean
  pending: boolean
  error: unknown
  onConfirm: () => void
}) {
  const [confirming, setConfirming] = useState(false)
  if (!confirming)
    return (
      <button type="button" className={danger ? 'danger' : undefined} onClick={() => setConfirming(true)}>
        {label}
      </button>
    )
  return (
    <div role="group" aria-label={label} className="confirm">
      <p>{question}</p>
      <FormErrors error={error} />
      <div className="actions">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          disabled={pending}
          autoFocus
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  )
}

export function Loading() {
  const t = useT(commonTexts)
  return (
    <p role="status" className="muted">
      {t('loading')}
    </p>
  )
}

export function ErrorMessage({ error }: { error: unknown }) {
  return <FormErrors error={error} />
}

/** A value to pass on (a link, a code) in a read-only box with a copy button. */
export function CopyField({ label, value, large }: { label: string; value: string; large?: boolean }) {
  const t = useT(commonTexts)
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')

  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setStatus('copied')
    } catch {
      // The clipboard API needs a secure context; the old way works on plain http inside a school network.
      input.current?.select()
      setStatus(document.execCommand?.('copy') ? 'copied' : 'failed')
    }
  }

  return (
    <div className={large ? 'field copy-field copy-field-large' : 'field copy-field'}>
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          {t('copy')}
        </button>
      </div>
      <p role="status" className="hint">
        {status === 'copied' ? t('copied') : status === 'failed' ? t('copyFailed') : ''}
      </p>
    </div>
  )
}

/**
 * A modal dialog (the native element: focus stays inside, Escape closes, the rest of the page is inert). Render it
 * to open it; `onClose` is called on Escape and on its close button, and the caller stops rendering it.
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  onKeyDown,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  /** Added to `dialog` (a wider one, say). */
  className?: string
  /** Keys pressed anywhere inside (an image viewer's arrows). */
  onKeyDown?: (e: KeyboardEvent<HTMLDialogElement>) => void
}): ReactElement {
  const t = useT(commonTexts)
  const id = useId()
  const ref = useRef<HTMLDialogElement>(null)
  // The content mounts once the dialog is open: an autoFocus inside it runs before the parent's effect otherwise,
  // while the dialog is still closed, and the focus would stay on the close button.
  const [shown, setShown] = useState(false)
  useEffect(() => {
    const dialog = ref.current
    // No close() on cleanup: unmounting removes it, and a close event would reach the next render's onClose.
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    setShown(dialog.open)
  }, [])
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={id}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
      <div className="dialog-head">
        <h2 id={id}>{title}</h2>
        <button type="button" className="small" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {shown ? children : null}
    </dialog>
  )
}
