import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/http'
import type { Language } from '../../lib/language'
import { type Device, pushKeys, subscribeThisBrowser, unsubscribeThisBrowser } from '../../lib/push'
import type * as Wire from '../../lib/api-schema'

export type NotificationSettings = Wire.NotificationSettingsBody

const settingsKey = ['me', 'notification-settings'] as const

export function useNotificationSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => api<NotificationSettings>('/api/v1/me/notification-settings'),
  })
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: NotificationSettings) =>
      api<NotificationSettings>('/api/v1/me/notification-settings', { method: 'PUT', body: settings }),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  })
}

export function useDevices() {
  return useQuery({ queryKey: pushKeys.devices, queryFn: () => api<Device[]>('/api/v1/me/devices') })
}

function useRefreshPush() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: pushKeys.thisBrowser }),
      queryClient.invalidateQueries({ queryKey: pushKeys.devices }),
    ])
}

/** "Включить уведомления": permission, subscription, the device on the server. */
export function useEnablePush() {
  const refresh = useRefreshPush()
  return useMutation({
    mutationFn: (language: Language) => subscribeThisBrowser(language),
    onSettled: refresh,
  })
}

/**
 * Removes a device; when it is this browser (its endpoint is this browser's subscription), the subscription goes too.
 * `device` null: this browser's subscription alone (the server did not know it).
 */
export function useRemoveDevice() {
  const refresh = useRefreshPush()
  return useMutation({
    mutationFn: async ({ device, thisEndpoint }: { device: Device | null; thisEndpoint: string | null }) => {
      if (!device || device.endpoint === thisEndpoint) await unsubscribeThisBrowser()
      if (device) await api<void>(`/api/v1/me/devices/${device.id}`, { method: 'DELETE' })
    },
    onSettled: refresh,
  })
}
