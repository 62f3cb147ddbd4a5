// Wire types several features share, named after the types generated from the server's OpenAPI document
// (api-schema.d.ts, written by scripts/api-types.mjs from openapi.json): a changed record breaks tsc. The server
// sends enums as their names.

import type * as Wire from './api-schema'

export type Role = Wire.Role
export const roles: readonly Role[] = ['Admin', 'Teacher', 'Staff', 'Student', 'Parent']

export type SchoolType = Wire.SchoolType
export const schoolTypes: readonly SchoolType[] = ['School', 'Kindergarten', 'College', 'Club']

export type MembershipStatus = Wire.MembershipStatus

export type MyMembership = Wire.MyMembershipResponse

export type Me = Wire.MeResponse

export type School = Wire.SchoolResponse

export type PersonRef = Wire.PersonRef

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

export type ChatKind = Wire.ChatKind
export type ChatRole = Wire.ChatRole
/**
 * Why a chat has turned read-only for everyone in it: the school's contact rules no longer allow this personal chat
 * (a class change, an unlinked guardian…), or a group holding a minor has no school staff member left in it.
 */
export type ChatRestriction = Wire.ChatRestriction

export type ReplyPreview = Wire.ReplyPreview

export type ForwardPreview = Wire.ForwardPreview

export type Reaction = Wire.ReactionResponse

// Files (POST /files, the request body being the bytes) and polls; both travel inside messages.

export type FileKind = Wire.FileKind

export type FileResponse = Wire.FileResponse

export type PollOption = Wire.PollOptionResponse

export type PollResponse = Wire.PollResponse

export type Message = Wire.MessageResponse
/** A call in a chat, with who is in it (never the devices' leg ids). */
export type CallResponse = Wire.CallResponse
export type CallParticipant = Wire.CallParticipantResponse
export type JoinedCall = Wire.JoinedCallResponse
export type ParticipantState = Wire.ParticipantState
/** Group calls: the SFU's offer to receive everyone who publishes, and whose audio or video each mid carries. */
export type CallSubscription = Wire.SubscriptionResponse
export type GuestLink = Wire.GuestLinkResponse
export type GuestCallInfo = Wire.GuestCallInfoResponse
export type GuestJoined = Wire.GuestJoinedResponse
export type GuestCall = Wire.GuestCallResponse
export type SubscribedStream = Wire.SubscribedStreamResponse
export type CallNote = Wire.CallNoteResponse
/** Why a call ended: hung up after an answer, never answered, or declined. */
export type CallEndReason = NonNullable<Wire.CallEndReason>

export type MessagePage = Wire.MessagePageResponse

/** A chat as one member sees it (GET /chats): their unread count, read position and rights. */
export type ChatSummary = Wire.ChatSummaryResponse
