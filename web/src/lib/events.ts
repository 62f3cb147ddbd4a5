import type { CallResponse, ChatSummary, Message, MyMembership, PollResponse } from './api-types'

// The realtime event catalogue, mirroring src/Server/Realtime/Events.cs: one payload type per event and the
// hub method that carries it. Payloads are the records the REST API returns, so they go straight into the
// query cache. Features subscribe to the events they own with useHubEvent (lib/hub.ts).

export interface MessageEvent {
  schoolId: string
  chatId: string
  message: Message
}

export interface MessageDeletedEvent {
  schoolId: string
  chatId: string
  messageId: string
  seq: number
}

export interface ReadEvent {
  schoolId: string
  chatId: string
  accountId: string
  lastReadSeq: number
}

export interface ChatAddedEvent {
  schoolId: string
  chat: ChatSummary
}

export interface ChatRemovedEvent {
  schoolId: string
  chatId: string
}

export interface TypingEvent {
  schoolId: string
  chatId: string
  accountId: string
  displayName: string
}

/** Online now, or when the last connection closed. Never sent for a minor except to staff and their guardians. */
export interface Presence {
  online: boolean
  lastSeenAt: string | null
}

export interface PresenceEvent {
  schoolId: string
  accountId: string
  presence: Presence
}

/** A poll's results changed (a vote, a retraction, closing). `poll.myChoice` is set only on the voter's own tabs. */
export interface PollEvent {
  schoolId: string
  chatId: string
  poll: PollResponse
}

/** My request to join a school was approved or rejected: the membership as /me now lists it. */
export interface MembershipDecidedEvent {
  schoolId: string
  membership: MyMembership
}

/** What waits for my decision in a school (GET /schools/{id}/waiting): join requests and open reports. */
export interface Waiting {
  schoolId: string
  joinRequests: number
  reports: number
}

/** A call in one of my chats started, rang, was answered, changed or ended. My tab rings when I am a Ringing participant. */
export interface CallEvent {
  schoolId: string
  call: CallResponse
}

/** Signalling for one of my tabs in a call: only the tab holding `toLeg` acts on it ("bye": another tab took the call). */
export interface CallSignalEvent {
  schoolId: string
  callId: string
  toLeg: string
  type: string
  sdp: string | null
  candidate: string | null
  sdpMid: string | null
  sdpMLineIndex: number | null
}

/** In a group call, someone started or stopped talking (the SFU's voice activity): for highlighting and picking layers. */
export interface CallSpeakingEvent {
  schoolId: string
  callId: string
  accountId: string
  talking: boolean
}

/** Server → client: hub method name → payload (IChatClient). */
export interface ServerEvents {
  MessageCreated: MessageEvent
  MessageUpdated: MessageEvent
  MessageDeleted: MessageDeletedEvent
  ReadUpdated: ReadEvent
  ChatAdded: ChatAddedEvent
  /** The chat's settings or my role in it changed; the same payload as ChatAdded. */
  ChatUpdated: ChatAddedEvent
  ChatRemoved: ChatRemovedEvent
  Typing: TypingEvent
  /** The sender of a "please confirm" message asks those who have not confirmed yet. */
  ConfirmationRequested: MessageEvent
  /** Someone I have a personal chat with came online or went away. */
  PresenceChanged: PresenceEvent
  PollUpdated: PollEvent
  /** My join request was decided. */
  MembershipDecided: MembershipDecidedEvent
  /** What waits for my decision in a school changed (only to administrators and the class teachers concerned). */
  WaitingChanged: Waiting
  CallChanged: CallEvent
  CallSignal: CallSignalEvent
  CallSpeaking: CallSpeakingEvent
}

export type ServerEventName = keyof ServerEvents

/** The same catalogue as a discriminated union, for code that handles several events in one place. */
export type ServerEvent = { [K in ServerEventName]: { name: K; payload: ServerEvents[K] } }[ServerEventName]

export const serverEventNames: readonly ServerEventName[] = [
  'MessageCreated',
  'MessageUpdated',
  'MessageDeleted',
  'ReadUpdated',
  'ChatAdded',
  'ChatUpdated',
  'ChatRemoved',
  'Typing',
  'ConfirmationRequested',
  'PresenceChanged',
  'PollUpdated',
  'MembershipDecided',
  'WaitingChanged',
  'CallChanged',
  'CallSignal',
  'CallSpeaking',
]

/** Client → server hub methods and their arguments (ChatHub). */
export interface ClientMethods {
  /** "I am typing in this chat"; send at most once every few seconds. */
  Typing: [schoolId: string, chatId: string]
}
