// Code a person is about to need, fetched while the browser has nothing else to do, so that the tap that needs it
// does not wait on a slow connection. Not when the person asked the browser to save data (a metered phone plan):
// then the code comes when it is needed, as it would without this.

interface IdleHost {
  navigator: object
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number
  cancelIdleCallback?: (handle: number) => void
}

interface SaveDataNavigator {
  connection?: { saveData?: boolean }
}

/** Runs `load` once the browser is idle (or after a few seconds where it cannot say), unless data is to be saved.
 *  Returns what cancels it, for an effect's cleanup. */
export function prefetchWhenIdle(load: () => Promise<unknown>, host: IdleHost = window): () => void {
  if ((host.navigator as SaveDataNavigator).connection?.saveData) return () => {}
  const run = () => void load().catch(() => {})
  if (host.requestIdleCallback && host.cancelIdleCallback) {
    const handle = host.requestIdleCallback(run, { timeout: 5000 })
    return () => host.cancelIdleCallback?.(handle)
  }
  const timer = setTimeout(run, 2000)
  return () => clearTimeout(timer)
}
