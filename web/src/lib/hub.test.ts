import { describe, expect, it, vi } from 'vitest'
import { connectHub, getHubState, onHubConnected, onHubEvent, retryDelay, sendToHub } from './hub'

interface RetryPolicy {
  nextRetryDelayInMilliseconds(context: { previousRetryCount: number }): number | null
}

const fake = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (payload: unknown) => void>(),
    reconnected: (() => undefined) as () => void,
    reconnecting: (() => undefined) as () => void,
    policy: null as RetryPolicy | null,
    url: '',
    starts: 0,
    stops: 0,
    sent: [] as unknown[][],
  }
  const connection = {
    on: (name: string, handler: (payload: unknown) => void) => state.handlers.set(name, handler),
    onreconnecting: (callback: () => void) => {
      state.reconnecting = callback
    },
    onreconnected: (callback: () => void) => {
      state.reconnected = callback
    },
    onclose: () => undefined,
    start: async () => {
      state.starts++
    },
    stop: async () => {
      state.stops++
    },
    send: async (...args: unknown[]) => {
      state.sent.push(args)
    },
  }
  class HubConnectionBuilder {
    withUrl(url: string) {
      state.url = url
      return this
    }
    withAutomaticReconnect(policy: RetryPolicy) {
      state.policy = policy
      return this
    }
    configureLogging() {
      return this
    }
    build() {
      return connection
    }
  }
  return { state, HubConnectionBuilder }
})

vi.mock('@microsoft/signalr', () => ({ HubConnectionBuilder: fake.HubConnectionBuilder, LogLevel: { Warning: 3 } }))

describe('hub connection', () => {
  it('connects for the signed-in account, delivers events and says when it is connected again', async () => {
    const connected = vi.fn()
    const stopListening = onHubConnected(connected)
    connectHub('account-1')
    await vi.waitFor(() => expect(getHubState()).toBe('connected'))
    expect(fake.state.url).toBe('/hubs/chat')
    expect(connected).toHaveBeenCalledTimes(1)

    const added = vi.fn()
    const stop = onHubEvent('ChatAdded', added)
    fake.state.handlers.get('ChatAdded')?.({ schoolId: 's', chat: { id: 'c', kind: 'Group', myRole: 'Member' } })
    expect(added).toHaveBeenCalledWith({ schoolId: 's', chat: { id: 'c', kind: 'Group', myRole: 'Member' } })
    stop()
    fake.state.handlers.get('ChatAdded')?.({ schoolId: 's', chat: { id: 'c', kind: 'Group', myRole: 'Member' } })
    expect(added).toHaveBeenCalledTimes(1)

    fake.state.reconnecting()
    expect(getHubState()).toBe('reconnecting')
    fake.state.reconnected()
    expect(getHubState()).toBe('connected')
    expect(connected).toHaveBeenCalledTimes(2)
    stopListening()
  })

  it('sends typing only while connected', async () => {
    sendToHub('Typing', 'school', 'chat')
    expect(fake.state.sent).toEqual([['Typing', 'school', 'chat']])
    connectHub(null)
    expect(getHubState()).toBe('off')
    expect(fake.state.stops).toBe(1)
    sendToHub('Typing', 'school', 'chat')
    expect(fake.state.sent).toHaveLength(1)
  })

  it('keeps reconnecting forever, pausing at most about half a minute', () => {
    const policy = fake.state.policy
    expect(policy?.nextRetryDelayInMilliseconds({ previousRetryCount: 0 })).toBeLessThan(1_000)
    expect(policy?.nextRetryDelayInMilliseconds({ previousRetryCount: 1_000 })).toBeGreaterThanOrEqual(30_000)
    expect(retryDelay(1_000, () => 0.999)).toBeLessThan(31_000)
  })
})
