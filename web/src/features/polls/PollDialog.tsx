import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { Dialog, Field, FormErrors } from '../../lib/ui'
import { newClientId } from '../messages/client-id'
import { useSendPoll } from './api'
import { checkPollDraft, maxPollOption, maxPollOptions, maxPollQuestion, minPollOptions } from './polls'
import { pollTexts } from './texts'

const serverFields = ['text', 'poll.options', 'poll.closesAt'] as const

/** "2026-03-01T18:05" for a datetime-local input: now, in local time. */
function localNow(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`
}

interface Row {
  key: number
  text: string
}

let rowKeys = 0
const newRow = (): Row => ({ key: ++rowKeys, text: '' })

/** "Новый опрос": the question, 2-10 options, single or multiple choice, named or anonymous, an optional deadline. */
export function PollDialog({ onClose, onPublished }: { onClose: () => void; onPublished: () => void }) {
  const t = useT(pollTexts)
  const id = useId()
  const { schoolId, chat, myId } = useConversation()
  const [clientId] = useState(newClientId)
  const [question, setQuestion] = useState('')
  const [rows, setRows] = useState<Row[]>(() => [newRow(), newRow()])
  const [multiple, setMultiple] = useState(false)
  const [anonymous, setAnonymous] = useState(false)
  const [closesAt, setClosesAt] = useState('')
  const [tried, setTried] = useState(false)
  /** The row whose field takes the focus after the next render (one just added, or the one after a removed one). */
  const focusKey = useRef<number | null>(null)
  const rowElements = useRef(new Map<number, HTMLDivElement>())
  const send = useSendPoll(schoolId, chat.id, myId)
  const check = checkPollDraft({ question, options: rows.map((r) => r.text), multiple, anonymous, closesAt })

  useEffect(() => {
    if (focusKey.current === null) return
    rowElements.current.get(focusKey.current)?.querySelector('input')?.focus()
    focusKey.current = null
  })

  function submit(e: FormEvent) {
    e.preventDefault()
    setTried(true)
    if (!check.request || send.isPending) return
    send.mutate({ clientId, ...check.request }, { onSuccess: onPublished })
  }

  function setRow(key: number, text: string) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, text } : r)))
  }

  function add() {
    const row = newRow()
    setRows((all) => [...all, row])
    focusKey.current = row.key
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index)
    setRows(next)
    focusKey.current = next[Math.min(index, next.length - 1)].key
  }

  const questionError =
    tried && check.question
      ? check.question === 'required'
        ? t('pollQuestionRequired')
        : t('pollQuestionTooLong', { max: maxPollQuestion })
      : fieldError(send.error, 'text')
  const optionError = (index: number) => {
    const problem = tried ? check.options[index] : undefined
    return problem === 'duplicate'
      ? t('pollOptionDuplicate')
      : problem === 'tooLong'
        ? t('pollOptionTooLong', { max: maxPollOption })
        : undefined
  }
  const optionsError = [tried && check.tooFew ? t('pollOptionsTooFew') : null, fieldError(send.error, 'poll.options')]
    .filter(Boolean)
    .join(' ')
  const closesError = tried && check.closesAt ? t('pollClosesInPast') : fieldError(send.error, 'poll.closesAt')

  return (
    <Dialog title={t('newPoll')} onClose={onClose}>
      <form className="form poll-form" onSubmit={submit} noValidate>
        <Field
          label={t('pollQuestion')}
          value={question}
          maxLength={maxPollQuestion}
          autoFocus
          required
          onChange={(e) => setQuestion(e.target.value)}
          error={questionError}
        />
        <fieldset aria-describedby={optionsError ? `${id}-options-error` : undefined}>
          <legend>{t('pollOptions')}</legend>
          {rows.map((row, i) => (
            <div
              key={row.key}
              className="poll-option-row"
              ref={(el) => {
                if (el) rowElements.current.set(row.key, el)
                else rowElements.current.delete(row.key)
              }}
            >
              <Field
                label={t('pollOption', { n: i + 1 })}
                value={row.text}
                maxLength={maxPollOption}
                error={optionError(i)}
                onChange={(e) => setRow(row.key, e.target.value)}
              />
              {rows.length > minPollOptions ? (
                <button type="button" className="small poll-option-remove" onClick={() => remove(i)}>
                  <span aria-hidden="true">✕</span>
                  <span className="visually-hidden">{t('removeOption', { n: i + 1 })}</span>
                </button>
              ) : null}
            </div>
          ))}
          {optionsError ? (
            <p id={`${id}-options-error`} className="field-error">
              {optionsError}
            </p>
          ) : null}
          {rows.length < maxPollOptions ? (
            <div>
              <button type="button" className="small" onClick={add}>
                {t('addOption')}
              </button>
            </div>
          ) : null}
        </fieldset>
        <div className="switch-row">
          <input
            id={`${id}-multiple`}
            type="checkbox"
            checked={multiple}
            onChange={(e) => setMultiple(e.target.checked)}
          />
          <label htmlFor={`${id}-multiple`}>{t('pollMultiple')}</label>
        </div>
        <div>
          <div className="switch-row">
            <input
              id={`${id}-anonymous`}
              type="checkbox"
              checked={anonymous}
              aria-describedby={`${id}-anonymous-hint`}
              onChange={(e) => setAnonymous(e.target.checked)}
            />
            <label htmlFor={`${id}-anonymous`}>{t('pollAnonymous')}</label>
          </div>
          <p id={`${id}-anonymous-hint`} className="hint">
            {t('pollAnonymousHint')}
          </p>
        </div>
        <Field
          type="datetime-local"
          label={t('pollClosesAt')}
          hint={t('pollClosesAtHint')}
          value={closesAt}
          min={localNow()}
          onChange={(e) => setClosesAt(e.target.value)}
          error={closesError}
        />
        <FormErrors error={send.error} fields={serverFields} />
        <div className="actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {t('publishPoll')}
          </button>
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
