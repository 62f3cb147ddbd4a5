import type { CallResponse } from '../../lib/api-types'
import { type MediaView, noMedia } from './group-media'
import type { GroupPhase, HostHint } from './group-status'
import { noLocalMedia } from './local-media'
import type { SendingView } from './sending'
import type { GroupKey } from './texts'

export interface GroupStart {
  schoolId: string
  chatId: string
  chatTitle: string
  myId: string
  hint: HostHint
  /** The call to join; null starts one. */
  callId: string | null
  /** The device check's microphone and camera, on or off as chosen; null: listening only. */
  stream: MediaStream | null
}

export type Layout = 'grid' | 'speaker'

/** What the group call screen shows; a new object on every change. */
export interface GroupView extends SendingView, MediaView {
  phase: GroupPhase
  call: CallResponse | null
  /** The app takes me for a host (the starter, a moderator, a teacher or administrator): the server decides each action. */
  host: boolean
  /** Why I am not in the call: the server's title, or a text of ours. */
  problem: { title?: string; key?: GroupKey } | null
  /** Why the last action was refused, until the next one succeeds. */
  notice: { title?: string; key?: GroupKey } | null
  talking: ReadonlySet<string>
  /** Who spoke, the latest first. */
  speakers: readonly string[]
  /** The screen gives way to the app (the chat) while the call goes on. */
  minimized: boolean
  layout: Layout
  /** The guest link a host of this tab turned on (the server shows it once), or null. */
  guestLink: string | null
}

export const initialView: GroupView = {
  ...noLocalMedia,
  ...noMedia,
  ...{ sharing: false, phase: 'joining', call: null, host: false, problem: null, notice: null },
  ...{ talking: new Set(), speakers: [], minimized: false, layout: 'grid', guestLink: null },
}
