import { Component, type ReactNode } from 'react'
import { useLocation } from 'react-router-dom'
import { useT } from './i18n'
import { commonTexts } from './texts'
import { Page } from './ui'

// A screen that fails (its code did not arrive on a dropped connection, or it threw) takes only the page area with it:
// the header stays, the person is told what happened and how to go on, and any other link works again. Without this,
// React would take the whole app down to a blank page.

interface BoundaryProps {
  children: ReactNode
  place: string
}

class Boundary extends Component<BoundaryProps, { failed: boolean; place: string }> {
  state = { failed: false, place: this.props.place }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  // Moving to another address gives the screen there its chance.
  static getDerivedStateFromProps(props: BoundaryProps, state: { place: string }) {
    return props.place === state.place ? null : { failed: false, place: props.place }
  }

  render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children
  }
}

function ScreenFailed() {
  const t = useT(commonTexts)
  return (
    <Page title={t('screenFailedTitle')}>
      <p role="alert">{t('screenFailedText')}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('updateReload')}
      </button>
    </Page>
  )
}

/** Screens inside this fail one at a time, each at its own address. */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  return <Boundary place={useLocation().pathname}>{children}</Boundary>
}
