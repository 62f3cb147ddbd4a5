// The sign-in page's entry (signin.html, served for /signin): plain TypeScript and DOM, no React, so a phone loads a
// few KiB of script to sign in instead of the app's frame (budget in scripts/bundle-budget.mjs).
import './lib/tokens.css'
import './styles.css'
import { refreshCsrf } from './lib/csrf'
import { startSignInPage } from './features/auth/signin'

void refreshCsrf()
// signin.html always has the #root element.
startSignInPage(document.getElementById('root')!)
