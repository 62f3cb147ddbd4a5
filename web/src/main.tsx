// The design tokens first: every other stylesheet uses them.
import './lib/tokens.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { refreshCsrf } from './lib/csrf'
import { registerServiceWorker } from './lib/pwa'

// Unsafe requests wait for this token; reads need none, so the app renders at once.
void refreshCsrf()

// The installable app (lib/pwa.ts): its service worker in production builds, once the page has loaded.
if (import.meta.env.PROD) {
  const register = () => void registerServiceWorker().catch(() => undefined) // no worker: the app works without
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}

// index.html always has the #root element.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
