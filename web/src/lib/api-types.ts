// Wire types several features share; the server sends enums as their names.

export type Role = 'Admin' | 'Teacher' | 'Staff' | 'Student' | 'Parent'
export const roles: readonly Role[] = ['Admin', 'Teacher', 'Staff', 'Student', 'Parent']

export type SchoolType = 'School' | 'Kindergarten' | 'College' | 'Club'
export const schoolTypes: readonly SchoolType[] = ['School', 'Kindergarten', 'College', 'Club']

export type MembershipStatus = 'Pending' | 'Confirmed' | 'Rejected' | 'Removed'

export interface MyMembership {
  membershipId: string
  schoolId: string
  schoolName: string
  schoolType: SchoolType
  role: Role
  status: MembershipStatus
  classId: string | null
  className: string | null
}

export interface Me {
  id: string
  displayName: string
  login: string
  email: string | null
  phone: string | null
  isOperator: boolean
  twoFactorEnabled: boolean
  memberships: MyMembership[]
}

export interface School {
  id: string
  fullName: string
  shortName: string
  type: SchoolType
  region: string
  journalUrl: string | null
  myRoles: Role[]
  /** Contact policy: students may start personal chats with other students; parents with parents of their child's class. */
  studentsMayWriteOtherStudents: boolean
  parentsMayWriteClassParents: boolean
  /** How long after sending a message its sender may still edit it. */
  editWindowMinutes: number
}

export interface PersonRef {
  accountId: string
  displayName: string
}

/** Administrators, teachers and other staff: the roles that open the journal rather than the diary. */
export function isStaffRole(role: Role): boolean {
  return role === 'Admin' || role === 'Teacher' || role === 'Staff'
}

export function roleKey(role: Role) {
  return `role${role}` as const
}

export function schoolTypeKey(type: SchoolType) {
  return `type${type}` as const
}

// Chats and messages: the REST responses, and the payloads of the realtime events (lib/events.ts).

export type ChatKind = 'Personal' | 'Group' | 'Class' | 'Parents' | 'Staff' | 'Announcements'
export type ChatRole = 'Member' | 'Moderator' | 'Owner'
/**
 * Why a chat has turned read-only for everyone in it: the school's contact rules no longer allow this personal chat
 * (a class change, an unlinked guardian…), or a group holding a minor has no school staff member left in it.
 */
export type ChatRestriction = 'None' | 'ContactPolicy' | 'Unsupervised'

export interface ReplyPreview {
  id: string
  seq: number
  senderName: string
  /** The first 200 characters; empty when deleted. */
  text: string
  deleted: boolean
}

export interface ForwardPreview {
  senderName: string
  sentAt: string
}

export interface Reaction {
  emoji: string
  accountId: string
}

// Files (POST /files, the request body being the bytes) and polls; both travel inside messages.

export type FileKind = 'File' | 'Image' | 'Voice' | 'Audio' | 'Video'

export interface FileResponse {
  id: string
  name: string
  contentType: string
  kind: FileKind
  size: number
  /** Images (and video when known): pixel size, so the page can keep room for them before they load. */
  width: number | null
  height: number | null
  /** Voice notes, audio, video. */
  durationMs: number | null
  /** Voice notes: levels 0-100 for drawing the waveform. */
  waveform: number[] | null
  /** `/api/v1/schools/{sid}/files/{id}/content`: images, audio and video inline; add `?download=true` to save. */
  url: string
  /** Images: a WebP at most 480px on the long side. */
  thumbnailUrl: string | null
  createdAt: string
}

export interface PollOption {
  id: string
  text: string
  votes: number
  /** Null in anonymous polls. */
  voters: PersonRef[] | null
}

export interface PollResponse {
  id: string
  messageId: string
  question: string
  multiple: boolean
  anonymous: boolean
  closesAt: string | null
  closed: boolean
  voterCount: number
  options: PollOption[]
  /** My vote (option ids; empty when I have not voted): only in answers to me, null in messages and in others' events. */
  myChoice: string[] | null
}

export interface Message {
  id: string
  chatId: string
  /** Per-chat sequence number: 1, 2, 3… without gaps (a deleted message keeps its number). */
  seq: number
  /** Grows with every change to the chat's messages; a message carries the version of its latest change. */
  version: number
  senderId: string
  senderName: string
  clientId: string
  /** Empty when deleted. */
  text: string
  replyTo: ReplyPreview | null
  forwardedFrom: ForwardPreview | null
  /** Account ids of members mentioned with @. */
  mentions: string[]
  /** @all (moderators only). */
  mentionsAll: boolean
  reactions: Reaction[]
  pinned: boolean
  /** "Please confirm": readers confirm, the sender sees who has. */
  requiresConfirmation: boolean
  confirmedCount: number
  createdAt: string
  editedAt: string | null
  deleted: boolean
  /** Empty when deleted. */
  attachments: FileResponse[]
  /** A poll message: `text` is its question. */
  poll: PollResponse | null
}

export interface MessagePage {
  items: Message[]
  hasMoreBefore: boolean
  hasMoreAfter: boolean
}

/** A chat as one member sees it (GET /chats): their unread count, read position and rights. */
export interface ChatSummary {
  id: string
  kind: ChatKind
  /** Personal: the other person's name; class and parents' chats: the class name; staff room, announcements: empty. */
  title: string
  classId: string | null
  lastSeq: number
  /** The version of the chat's latest change to any message (see Message.version). */
  lastVersion: number
  lastReadSeq: number
  unreadCount: number
  lastMessage: Message | null
  memberCount: number
  myRole: ChatRole
  moderatorsOnly: boolean
  /** False in a chat for moderators only (to members) and in a restricted chat (to everyone). */
  canPost: boolean
  restriction: ChatRestriction
  /** The furthest any other member has read: my messages up to it show as read. */
  othersReadSeq: number
}
