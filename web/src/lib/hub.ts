import type { HubConnection } from '@microsoft/signalr'
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import { type ClientMethods, type ServerEventName, type ServerEvents, serverEventNames } from './events'

// The one realtime connection of this tab (SignalR, /hubs/chat, authenticated by the session cookie). It lives
// while someone is signed in and reconnects on its own, forever, with growing pauses. Features subscribe to the
// events they own with useHubEvent, and to "connected again" with useHubConnected to fetch what they missed.

export type HubState = 'off' | 'connecting' | 'connected' | 'reconnecting'

export const hubPath = '/hubs/chat'

const retryDelays = [0, 2_000, 5_000, 10_000, 20_000]

/** Jitter keeps a whole school's devices from coming back in the same second after a server restart. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  return (retryDelays[attempt] ?? 30_000) + Math.floor(random() * 1_000)
}

type Handler = (payload: never) => void

let connection: HubConnection | null = null
let account: string | null = null
let state: HubState = 'off'
let restartTimer: ReturnType<typeof setTimeout> | undefined
const handlers = new Map<ServerEventName, Set<Handler>>()
const connectedListeners = new Set<() => void>()
const stateListeners = new Set<() => void>()

function setState(next: HubState) {
  if (state === next) return
  state = next
  stateListeners.forEach((listener) => listener())
}

function dispatch<K extends ServerEventName>(name: K, payload: ServerEvents[K]) {
  handlers.get(name)?.forEach((handler) => (handler as (p: ServerEvents[K]) => void)(payload))
}

function becameConnected() {
  setState('connected')
  connectedListeners.forEach((listener) => listener())
}

function scheduleRestart(forAccount: string, attempt: number) {
  clearTimeout(restartTimer)
  setState('reconnecting')
  restartTimer = setTimeout(() => {
    if (account === forAccount && !connection) void open(forAccount, attempt)
  }, retryDelay(attempt))
}

async function open(forAccount: string, attempt = 0) {
  // Loaded on first use: pages without a session never download the client.
  const signalR = await import('@microsoft/signalr')
  if (account !== forAccount || connection) return
  const built = new signalR.HubConnectionBuilder()
    .withUrl(hubPath)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelay(context.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build()
  for (const name of serverEventNames) built.on(name, (payload: ServerEvents[typeof name]) => dispatch(name, payload))
  built.onreconnecting(() => {
    if (connection === built) setState('reconnecting')
  })
  built.onreconnected(() => {
    if (connection === built) becameConnected()
  })
  built.onclose(() => {
    if (connection !== built) return // closed on purpose
    connection = null
    scheduleRestart(forAccount, 0)
  })
  connection = built
  setState(attempt === 0 ? 'connecting' : 'reconnecting')
  try {
    await built.start()
    if (connection === built) becameConnected()
  } catch {
    if (connection !== built) return
    connection = null
    scheduleRestart(forAccount, attempt + 1)
  }
}

/** Keeps one connection for the signed-in account: a new one when the account changes, none when signed out. */
export function connectHub(accountId: string | null) {
  if (accountId === account) return
  account = accountId
  clearTimeout(restartTimer)
  const previous = connection
  connection = null
  if (previous) void previous.stop()
  setState('off')
  if (accountId) void open(accountId)
}

/** For the app frame: connect while someone is signed in. */
export function useLiveConnection(accountId: string | null) {
  useEffect(() => connectHub(accountId), [accountId])
}

export function onHubEvent<K extends ServerEventName>(
  name: K,
  handler: (payload: ServerEvents[K]) => void,
): () => void {
  let set = handlers.get(name)
  if (!set) handlers.set(name, (set = new Set()))
  const h = handler as Handler
  set.add(h)
  return () => {
    set.delete(h)
  }
}

/** Runs after every successful (re)connection: the moment to ask for whatever was missed meanwhile. */
export function onHubConnected(listener: () => void): () => void {
  connectedListeners.add(listener)
  return () => {
    connectedListeners.delete(listener)
  }
}

function useLatest<T>(value: T) {
  const ref = useRef(value)
  useLayoutEffect(() => {
    ref.current = value
  })
  return ref
}

export function useHubEvent<K extends ServerEventName>(name: K, handler: (payload: ServerEvents[K]) => void) {
  const latest = useLatest(handler)
  useEffect(() => onHubEvent(name, (payload) => latest.current(payload)), [name, latest])
}

export function useHubConnected(listener: () => void) {
  const latest = useLatest(listener)
  useEffect(() => onHubConnected(() => latest.current()), [latest])
}

function subscribeState(listener: () => void) {
  stateListeners.add(listener)
  return () => {
    stateListeners.delete(listener)
  }
}

export function getHubState(): HubState {
  return state
}

export function useHubState(): HubState {
  return useSyncExternalStore(subscribeState, getHubState, getHubState)
}

/**
 * This tab's connection id while connected (null otherwise). A call names it when the tab joins, so that the server
 * hangs the tab up when the connection closes.
 */
export function hubConnectionId(): string | null {
  return state === 'connected' ? (connection?.connectionId ?? null) : null
}

/** Fire-and-forget call to the hub (only ephemeral things such as typing); dropped while not connected. */
export function sendToHub<K extends keyof ClientMethods>(name: K, ...args: ClientMethods[K]) {
  if (!connection || state !== 'connected') return
  connection.send(name, ...args).catch(() => undefined)
}
