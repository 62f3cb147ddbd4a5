import { type ClipboardEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { FileResponse, ReplyPreview } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { sendToHub } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { useSchool } from '../../lib/session'
import { MicIcon, PaperclipIcon, PollIcon, SendIcon } from '../../lib/icons'
import { useStorage } from '../files/api'
import {
  addAttachments,
  dismissRefused,
  draftsState,
  takeUploaded,
  useAttachmentDrafts,
} from '../files/attachment-drafts'
import { maxAttachments } from '../files/attachments'
import { DraftAttachments } from '../files/DraftAttachments'
import { VoiceRecorder } from '../files/VoiceRecorder'
import { maxMessageLength } from './api'
import { useDraft } from './drafts'
import { MentionList, type MentionOption, useMentionSuggestions } from './mention-suggestions'
import { insertMention, type Mentionable, mentionedIds, mentionsEveryone } from './mentions'
import { characterCount } from './text-length'
import { messageTexts } from './texts'
import type { SendExtras } from './window'

const typingEveryMs = 3_000
const counterFrom = maxMessageLength - 200

interface Props {
  replyTo: ReplyPreview | null
  /** Members who can be mentioned (not me). */
  members: readonly Mentionable[]
  onCancelReply: () => void
  /** `files`: the uploaded attachments whose ids are in `extras.attachments`. */
  onSend: (text: string, extras: SendExtras, files?: FileResponse[]) => void
  /** "Создать опрос": the conversation opens the dialog. */
  onCreatePoll: () => void
  /** Shown above the text box: why sending was refused (muted…). */
  refusal?: string | null
}

export function Composer({ replyTo, members, onCancelReply, onSend, onCreatePoll, refusal }: Props) {
  const t = useT(messageTexts)
  const { schoolId, chat, myId } = useConversation()
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const lastTyping = useRef(0)
  const nextCaret = useRef<number | null>(null)
  const [text, setText] = useDraft(myId, chat.id)
  const [caret, setCaret] = useState(0)
  const [askConfirm, setAskConfirm] = useState(false)
  const [urgent, setUrgent] = useState(false)
  const school = useSchool(schoolId)
  const moderator = chat.myRole !== 'Member'
  const canMentionAll = moderator && chat.kind !== 'Personal'
  const canAskConfirm = moderator && chat.kind !== 'Personal'
  // The server allows "urgent" to the school's administrators in the announcements channel only.
  const canUrgent = chat.kind === 'Announcements' && (school.data?.myRoles.includes('Admin') ?? false)
  const fileInput = useRef<HTMLInputElement>(null)
  const micButton = useRef<HTMLButtonElement>(null)
  const [recording, setRecording] = useState(false)
  const attached = useAttachmentDrafts(chat.id)
  const storage = useStorage(schoolId)
  const { uploading, ready } = draftsState(attached.items)
  const length = characterCount(text.trim())
  const tooLong = length > maxMessageLength
  // Files alone make a message; sending waits for every upload to finish.
  const canSend = chat.canPost && !tooLong && !uploading && (length > 0 || ready > 0)

  const mentions = useMentionSuggestions({ text, caret, members, enabled: chat.kind !== 'Personal', canMentionAll })
  const { query, options, open, current } = mentions

  useEffect(() => {
    if (replyTo) area.current?.focus()
  }, [replyTo])

  // Grows with the text up to a few lines, then scrolls.
  useLayoutEffect(() => {
    const el = area.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`
    if (nextCaret.current !== null) {
      el.setSelectionRange(nextCaret.current, nextCaret.current)
      nextCaret.current = null
    }
  }, [text])

  function submit() {
    if (!canSend) return
    const trimmed = text.trim()
    const files = takeUploaded(chat.id)
    onSend(
      trimmed,
      {
        mentions: chat.kind === 'Personal' ? [] : mentionedIds(trimmed, members),
        mentionAll: canMentionAll && mentionsEveryone(trimmed),
        requiresConfirmation: canAskConfirm && askConfirm,
        ...(files.length > 0 ? { attachments: files.map((f) => f.id) } : {}),
        ...(canUrgent && urgent ? { urgent: true } : {}),
      },
      files.length > 0 ? files : undefined,
    )
    setText('')
    setCaret(0)
    setAskConfirm(false)
    setUrgent(false)
  }

  function addFiles(files: File[]) {
    if (chat.canPost && files.length > 0) addAttachments(schoolId, chat.id, files, storage.data?.maxUploadBytes)
  }

  /** Pasted pictures and files are attached; text wins when there is some (a spreadsheet copies a picture of the cells too). */
  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...e.clipboardData.files]
    if (files.length === 0) return
    const plain = e.clipboardData.getData('text/plain')
    // A file copied in a file manager comes with its name as text.
    if (plain.trim() && !files.some((f) => f.name && plain.includes(f.name))) return
    e.preventDefault()
    addFiles(files)
  }

  function voiceRecorded(file: FileResponse) {
    setRecording(false)
    onSend('', { mentions: [], mentionAll: false, requiresConfirmation: false, attachments: [file.id] }, [file])
    requestAnimationFrame(() => area.current?.focus())
  }

  function voiceClosed() {
    setRecording(false)
    requestAnimationFrame(() => micButton.current?.focus())
  }

  function pick(option: MentionOption) {
    if (!query) return
    const name = option.kind === 'all' ? t('mentionAllWord') : option.member.displayName
    const result = insertMention(text, query.start, caret, name)
    nextCaret.current = result.caret
    setText(result.text)
    setCaret(result.caret)
    area.current?.focus()
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(e, pick)) return
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      submit()
    } else if (e.key === 'Escape' && replyTo) {
      e.preventDefault()
      onCancelReply()
    }
  }

  function onChange(value: string, at: number) {
    setText(value)
    setCaret(at)
    const now = Date.now()
    if (value.trim() && now - lastTyping.current > typingEveryMs) {
      lastTyping.current = now
      sendToHub('Typing', schoolId, chat.id)
    }
  }

  const note = chat.canPost ? null : chat.kind === 'Announcements' ? t('readOnlyAnnouncements') : t('readOnly')
  const counter =
    length >= counterFrom
      ? tooLong
        ? t('tooLong', { count: length, max: maxMessageLength })
        : t('charsLeft', { count: maxMessageLength - length })
      : ''
  const optionId = (i: number) => `${id}-mention-${i}`

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      {replyTo ? (
        <div className="reply-draft">
          <p>
            <strong>{t('replyingTo', { name: replyTo.senderName })}</strong>
            <span className="reply-draft-text">{replyTo.text}</span>
          </p>
          <button type="button" className="small" onClick={onCancelReply}>
            {t('cancelReply')}
          </button>
        </div>
      ) : null}
      {refusal ? (
        <p className="composer-refusal" role="alert">
          {refusal}
        </p>
      ) : null}
      {note ? (
        <p id={`${id}-note`} className="composer-note">
          {note}
        </p>
      ) : null}
      {open ? (
        <MentionList id={`${id}-mentions`} options={options} current={current} optionId={optionId} onPick={pick} />
      ) : null}
      <p className="visually-hidden" role="status">
        {open ? t('mentionOptions', { count: options.length }) : ''}
      </p>
      <DraftAttachments items={attached.items} />
      {attached.refused > 0 ? (
        <div className="composer-refusal composer-refusal-row" role="alert">
          <p>{t('uploadTooMany', { max: maxAttachments })}</p>
          <button type="button" className="small" onClick={() => dismissRefused(chat.id)}>
            {t('dismiss')}
          </button>
        </div>
      ) : null}
      {recording ? <VoiceRecorder onRecorded={voiceRecorded} onClose={voiceClosed} /> : null}
      <div className="composer-row" hidden={recording}>
        {/* The button opens the picker; the input itself stays out of the page (and out of the tab order). */}
        <button
          type="button"
          className="icon-button composer-tool"
          disabled={!chat.canPost}
          title={t('attach')}
          onClick={() => fileInput.current?.click()}
        >
          <PaperclipIcon />
          <span className="visually-hidden">{t('attach')}</span>
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-label={t('attach')}
          disabled={!chat.canPost}
          onChange={(e) => {
            addFiles([...(e.target.files ?? [])])
            e.target.value = ''
          }}
        />
        <label htmlFor={id} className="visually-hidden">
          {t('composer')}
        </label>
        <textarea
          id={id}
          ref={area}
          rows={1}
          value={text}
          placeholder={t('composer')}
          disabled={!chat.canPost}
          aria-invalid={tooLong || undefined}
          aria-autocomplete={chat.kind === 'Personal' ? undefined : 'list'}
          aria-controls={open ? `${id}-mentions` : undefined}
          aria-activedescendant={open ? optionId(current) : undefined}
          aria-describedby={[`${id}-hint`, counter ? `${id}-counter` : null, note ? `${id}-note` : null]
            .filter(Boolean)
            .join(' ')}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={mentions.onBlur}
          onFocus={mentions.onFocus}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button
          ref={micButton}
          type="button"
          className="icon-button composer-tool"
          disabled={!chat.canPost}
          title={t('recordVoice')}
          onClick={() => setRecording(true)}
        >
          <MicIcon />
          <span className="visually-hidden">{t('recordVoice')}</span>
        </button>
        <button type="submit" className="primary composer-send" disabled={!canSend}>
          <span className="composer-send-icon">
            <SendIcon />
          </span>
          <span className="composer-send-text">{t('send')}</span>
        </button>
      </div>
      {/* Polls are for groups: in a personal chat there is nobody to count. */}
      {chat.canPost && chat.kind !== 'Personal' ? (
        <div className="composer-options">
          <button type="button" className="small composer-poll" onClick={onCreatePoll}>
            <PollIcon /> {t('createPoll')}
          </button>
          {canAskConfirm ? (
            <span className="composer-confirm">
              <input
                id={`${id}-confirm`}
                type="checkbox"
                checked={askConfirm}
                onChange={(e) => setAskConfirm(e.target.checked)}
              />
              <label htmlFor={`${id}-confirm`}>{t('askConfirm')}</label>
            </span>
          ) : null}
          {canUrgent ? (
            <span className="composer-confirm">
              <input
                id={`${id}-urgent`}
                type="checkbox"
                checked={urgent}
                onChange={(e) => setUrgent(e.target.checked)}
              />
              <label htmlFor={`${id}-urgent`}>{t('urgent')}</label>
            </span>
          ) : null}
        </div>
      ) : null}
      <p id={`${id}-hint`} className="visually-hidden">
        {t('composerHint')}
      </p>
      {counter ? (
        <p id={`${id}-counter`} className={tooLong ? 'field-error composer-counter' : 'hint composer-counter'}>
          {counter}
        </p>
      ) : null}
    </form>
  )
}
