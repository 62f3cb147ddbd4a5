import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import type { Message, PollResponse } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { hasVoted, isPollClosed, type OptionResult, pollResults, votesKey } from './polls'
import { restrictionOf } from '../messages/restriction'
import { pollUrl, usePoll, usePollAction } from './api'
import { pollTexts } from './texts'

/** Longest wait setTimeout takes (about 24 days): a later deadline is noticed on some later render. */
const maxTimer = 2 ** 31 - 1

function ResultRow({ result, anonymous }: { result: OptionResult; anonymous: boolean }) {
  const t = useT(pollTexts)
  const language = useLanguage()
  const id = useId()
  const [open, setOpen] = useState(false)
  const votes = t(votesKey(result.votes, language), { count: result.votes })
  return (
    <li className={result.mine ? 'poll-result poll-result-mine' : 'poll-result'}>
      <p className="poll-result-head">
        <span className="poll-result-text">{result.text}</span>
        {result.mine ? <span className="poll-mine">✓ {t('yourChoice')}</span> : null}
        <span className="poll-result-numbers">
          <strong>{t('pollPercent', { percent: result.percent })}</strong> · {votes}
        </span>
      </p>
      <div
        className="poll-bar"
        role="meter"
        aria-label={result.text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={result.percent}
        aria-valuetext={t('pollMeterText', { percent: result.percent, votes })}
      >
        <span style={{ width: `${result.percent}%` }} />
      </div>
      {!anonymous && result.votes > 0 ? (
        <>
          <button
            type="button"
            className="link-button small-text"
            aria-expanded={open}
            aria-controls={id}
            aria-label={t('whoChose', { option: result.text })}
            onClick={() => setOpen((o) => !o)}
          >
            {t('whoChoseShort')}
          </button>
          <div id={id} hidden={!open}>
            {open ? (
              result.voters && result.voters.length > 0 ? (
                <ul className="poll-voters small-text">
                  {result.voters.map((p) => (
                    <li key={p.accountId}>{p.displayName}</li>
                  ))}
                </ul>
              ) : (
                <p className="small-text muted">{t('nobodyChose')}</p>
              )
            ) : null}
          </div>
        </>
      ) : null}
    </li>
  )
}

interface Props {
  message: Message & { poll: PollResponse }
}

/**
 * A poll in a message. Before I vote (and while it is open): the options to choose from. After voting, when it is
 * closed, for its author and the chat's moderators, or on request: the results, which move with PollUpdated.
 */
export function PollCard({ message }: Props) {
  const t = useT(pollTexts)
  const { schoolId, chat, myId } = useConversation()
  const language = useLanguage()
  const headingId = useId()
  const query = usePoll(schoolId, message.chatId, message.id)
  const action = usePollAction(schoolId, message.chatId, message.id)
  // The query knows my choice; the message's copy is there at once and moves with the same events.
  const poll = query.data ?? message.poll
  const myChoice = query.data?.myChoice ?? null
  const known = query.isSuccess || query.isError
  const [, setTick] = useState(0)
  const closed = isPollClosed(poll)
  const voted = hasVoted(myChoice)
  const manager = message.senderId === myId || chat.myRole !== 'Member'
  const [editing, setEditing] = useState(false)
  const [reveal, setReveal] = useState(false)
  const [selection, setSelection] = useState<string[]>([])
  const [confirmClose, setConfirmClose] = useState(false)
  const results = useRef<HTMLDivElement>(null)
  const choices = useRef<HTMLFieldSetElement>(null)

  // The deadline passing closes the poll on screen too.
  useEffect(() => {
    if (poll.closed || !poll.closesAt) return
    const wait = Date.parse(poll.closesAt) - Date.now()
    if (wait <= 0 || wait > maxTimer) return
    const timer = setTimeout(() => setTick((n) => n + 1), wait + 250)
    return () => clearTimeout(timer)
  }, [poll.closed, poll.closesAt])

  // No voting in a chat the contact rules no longer allow (it is read-only; the server refuses).
  const showForm = !closed && known && (!voted || editing) && restrictionOf(chat) === 'None'
  const showResults = closed || (voted && !editing) || manager || reveal
  const rows = pollResults(poll, myChoice)

  function vote(e: FormEvent) {
    e.preventDefault()
    if (selection.length === 0) return
    action.mutate(
      { kind: 'vote', optionIds: selection },
      {
        onSuccess: () => {
          setEditing(false)
          requestAnimationFrame(() => results.current?.focus())
        },
      },
    )
  }

  function choose(optionId: string, on: boolean) {
    setSelection((current) =>
      poll.multiple ? (on ? [...current, optionId] : current.filter((id) => id !== optionId)) : [optionId],
    )
  }

  function startEditing() {
    setSelection(myChoice ?? [])
    setEditing(true)
    requestAnimationFrame(() => choices.current?.querySelector('input')?.focus())
  }

  function retract() {
    action.mutate(
      { kind: 'retract' },
      {
        onSuccess: () => {
          setSelection([])
          requestAnimationFrame(() => choices.current?.querySelector('input')?.focus())
        },
      },
    )
  }

  const meta = [
    poll.anonymous ? t('pollKindAnonymous') : t('pollKindNamed'),
    poll.multiple ? t('pollMultipleNote') : null,
    closed ? t('pollClosed') : poll.closesAt ? t('pollUntil', { time: formatDateTime(poll.closesAt, language) }) : null,
  ]
    .filter(Boolean)
    .join(' · ')

  return (
    <div className="poll-card" role="group" aria-label={t('pollLabel', { question: poll.question })}>
      <h3 id={headingId} className="poll-question">
        {poll.question}
      </h3>
      <p className="poll-meta">{meta}</p>
      {showForm ? (
        <form className="poll-form-vote" onSubmit={vote}>
          <fieldset
            ref={choices}
            className="poll-choices"
            role={poll.multiple ? 'group' : 'radiogroup'}
            aria-labelledby={headingId}
          >
            {poll.options.map((option) => (
              <label key={option.id} className="poll-choice">
                <input
                  type={poll.multiple ? 'checkbox' : 'radio'}
                  name={`poll-${message.id}`}
                  value={option.id}
                  checked={selection.includes(option.id)}
                  onChange={(e) => choose(option.id, e.target.checked)}
                />
                <span>{option.text}</span>
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary small" disabled={selection.length === 0 || action.isPending}>
              {t('vote')}
            </button>
            {editing ? (
              <button type="button" className="small" onClick={() => setEditing(false)}>
                {t('cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {showResults ? (
        <div ref={results} tabIndex={-1} className="poll-results-box">
          <ul className="poll-results" aria-label={t('pollResults')}>
            {rows.map((row) => (
              <ResultRow key={row.id} result={row} anonymous={poll.anonymous} />
            ))}
          </ul>
        </div>
      ) : null}
      <p className="poll-total">{t('pollVoters', { count: poll.voterCount })}</p>
      <FormErrors error={action.error} />
      <div className="actions poll-actions">
        {!showResults || (reveal && !voted && !closed && !manager) ? (
          <button type="button" className="small" aria-expanded={reveal} onClick={() => setReveal((r) => !r)}>
            {reveal ? t('hideResults') : t('showResults')}
          </button>
        ) : null}
        {voted && !closed && !editing ? (
          <>
            <button type="button" className="small" onClick={startEditing}>
              {t('changeVote')}
            </button>
            <button type="button" className="small" disabled={action.isPending} onClick={retract}>
              {t('retractVote')}
            </button>
          </>
        ) : null}
        {manager && !closed && !confirmClose ? (
          <button type="button" className="small danger" onClick={() => setConfirmClose(true)}>
            {t('closePoll')}
          </button>
        ) : null}
        {showResults ? (
          <a
            className="poll-export small-text"
            href={`${pollUrl(schoolId, message.chatId, message.id)}/export`}
            download
          >
            {t('exportPoll')}
          </a>
        ) : null}
      </div>
      {confirmClose && !closed ? (
        <div className="confirm" role="group" aria-label={t('closePoll')}>
          <p>{t('confirmClosePoll')}</p>
          <div className="actions">
            <button
              type="button"
              className="danger small"
              autoFocus
              disabled={action.isPending}
              onClick={() => action.mutate({ kind: 'close' }, { onSuccess: () => setConfirmClose(false) })}
            >
              {t('confirmClosePollYes')}
            </button>
            <button type="button" className="small" onClick={() => setConfirmClose(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
