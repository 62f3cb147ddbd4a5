// The design tokens first: every other stylesheet uses them.
import './lib/tokens.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { refreshCsrf } from './lib/csrf'

// Unsafe requests wait for this token; reads need none, so the app renders at once.
void refreshCsrf()

// index.html always has the #root element.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
