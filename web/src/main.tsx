import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { refreshCsrf } from './lib/csrf'
import './styles.css'

// Unsafe requests wait for this token; reads need none, so the app renders at once.
void refreshCsrf()

// index.html always has the #root element.
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>)
