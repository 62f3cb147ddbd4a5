import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, useEffect } from 'react'
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom'
import { CallHost } from './features/calls/CallHost'
import { useT } from './lib/i18n'
import { Layout } from './lib/layout'
import { ApiError } from './lib/problem'
import { ScreenBoundary } from './lib/screen-boundary'
import { meQueryKey } from './lib/session'
import { commonTexts } from './lib/texts'
import { Loading, Page } from './lib/ui'

// Every screen is loaded when first opened: the entry script holds only the frame (router, query client, layout), so
// a screen downloads and parses only what it shows (budgets in scripts/bundle-budget.mjs, checked by the test command).
// Signing in is not a screen of the app but its own page without React (signin.html, features/auth/signin.ts).
// The frame also listens for calls (CallHost), so every open tab rings; what a call shows loads when one comes.
const ActivatePage = lazy(() => import('./features/auth/ActivatePage').then((m) => ({ default: m.ActivatePage })))
const ExternalPage = lazy(() => import('./features/auth/ExternalPage').then((m) => ({ default: m.ExternalPage })))
const JoinPage = lazy(() => import('./features/join/JoinPage').then((m) => ({ default: m.JoinPage })))
const HomePage = lazy(() => import('./features/home/HomePage').then((m) => ({ default: m.HomePage })))
const AccountPage = lazy(() => import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })))
const NotificationsPage = lazy(() =>
  import('./features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
)
const ApplyPage = lazy(() => import('./features/apply/ApplyPage').then((m) => ({ default: m.ApplyPage })))
const ChatsPage = lazy(() => import('./features/chats/ChatsPage').then((m) => ({ default: m.ChatsPage })))
const OperatorPage = lazy(() => import('./features/operator/OperatorPage').then((m) => ({ default: m.OperatorPage })))
const AdminConsole = lazy(() =>
  import('./features/school-admin/AdminConsole').then((m) => ({ default: m.AdminConsole })),
)
const GuestCallPage = lazy(() => import('./features/calls/GuestCallPage').then((m) => ({ default: m.GuestCallPage })))
const SetupPage = lazy(() => import('./features/setup/SetupPage').then((m) => ({ default: m.SetupPage })))

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that ended elsewhere (sign out everywhere, password changed): ask who we are again.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== meQueryKey[0])
        void queryClient.invalidateQueries({ queryKey: meQueryKey })
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors will not change on retry; network and server errors may.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
})

/** The sign-in page is another document: a link that reaches /signin inside the app loads it from the server. */
function SignInPageLoad() {
  useEffect(() => location.replace(location.href), [])
  return <Loading />
}

function NotFound() {
  const t = useT(commonTexts)
  return (
    <Page title={t('notFoundTitle')}>
      <p>{t('notFoundText')}</p>
      <p>
        <Link to="/">{t('home')}</Link>
      </p>
    </Page>
  )
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* Not in a transition: a tap on a link shows the next screen's "Загрузка…" at once. In one, React would keep the
          last screen standing, live, until the next one's code had come, and on a slow phone that reads as a missed tap. */}
      <BrowserRouter useTransitions={false}>
        <Layout>
          <ScreenBoundary>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/signin" element={<SignInPageLoad />} />
                <Route path="/activate" element={<ActivatePage />} />
                <Route path="/external" element={<ExternalPage />} />
                <Route path="/setup" element={<SetupPage />} />
                <Route path="/apply" element={<ApplyPage />} />
                <Route path="/operator" element={<OperatorPage />} />
                <Route path="/join/:token" element={<JoinPage />} />
                <Route path="/call/guest/:token" element={<GuestCallPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/settings/notifications" element={<NotificationsPage />} />
                <Route path="/school/:schoolId/admin/*" element={<AdminConsole />} />
                <Route path="/school/:schoolId/chats/:chatId?" element={<ChatsPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </ScreenBoundary>
          <CallHost />
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  )
}
