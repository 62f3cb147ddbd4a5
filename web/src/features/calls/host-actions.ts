import type { CallResponse } from '../../lib/api-types'
import * as group from './group-api'

/** What a host does in a group call; each answers whether the server agreed (a refusal's title is shown). */
export interface HostActions {
  muteParticipant: (accountId: string, audio: boolean | null, video: boolean | null) => Promise<boolean>
  decide: (accountId: string, decision: group.Decision) => Promise<boolean>
  admitAll: () => Promise<boolean>
  changeSettings: (settings: group.CallSettings) => Promise<boolean>
  endForEveryone: () => Promise<boolean>
}

/**
 * A host's actions for the call `ref()` names, each sent through `act` (which takes the call the server answers
 * with as news of it, and shows a refusal). The server decides who is a host.
 */
export function hostActions(
  ref: () => group.CallRef | null,
  act: (request: () => Promise<CallResponse>) => Promise<boolean>,
): HostActions {
  const onCall = (request: (call: group.CallRef) => Promise<CallResponse>) => {
    const call = ref()
    return call ? act(() => request(call)) : Promise.resolve(false)
  }
  return {
    muteParticipant: (accountId, audio, video) => onCall((c) => group.muteParticipant(c, accountId, audio, video)),
    decide: (accountId, decision) => onCall((c) => group.decide(c, accountId, decision)),
    admitAll: () => onCall((c) => group.admitAll(c)),
    changeSettings: (settings) => onCall((c) => group.changeSettings(c, settings)),
    endForEveryone: () => onCall((c) => group.endForEveryone(c)),
  }
}
