/**
 * Props for a View that acts as a button: announced as one and reachable by keyboard on H5
 * (Taro's View types leave tabIndex out, so it is spread; the mini-program ignores it).
 */
export const TAPPABLE: Record<string, unknown> = { role: 'button', tabIndex: 0 }

/** Roles whose native counterparts answer Enter or Space; a View announced as one must too. */
const CONTROL_ROLES = new Set(['button', 'checkbox', 'switch', 'tab', 'radio', 'link', 'menuitem', 'option'])

/** Elements that handle their own keys (typing a space in a field must stay a space). */
const NATIVE = /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/

/**
 * The key an activation answers, or none: what the focused element receives when a keyboard
 * or switch-access user presses Enter or Space on it.
 */
export function activationKey(event: Pick<KeyboardEvent, 'key' | 'repeat' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return false
  return event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar'
}

/**
 * Taro's H5 button (what NutUI's Button draws) and the buttons of Taro's H5 modal
 * (`Taro.showModal`): elements no keyboard can reach.
 */
const H5_BUTTONS = 'taro-button-core, .taro-model__btn'

/** Makes Taro's H5 buttons under `root` focusable and announced as buttons. */
function reachButtons(root: ParentNode): void {
  for (const button of Array.from(root.querySelectorAll<HTMLElement>(H5_BUTTONS))) {
    if (button.hasAttribute('tabindex')) continue
    button.tabIndex = 0
    if (!button.hasAttribute('role')) button.setAttribute('role', 'button')
  }
}

/**
 * H5: Enter and Space on any tappable View (anything announced with a control role) click it,
 * as they would a native button, so every card, tile, chip and switch works from a keyboard;
 * Taro's buttons are made reachable by Tab as they appear. One listener and one observer on
 * the document cover every page; answers the function that removes them.
 */
export function activateByKeyboard(doc: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || !activationKey(event)) return
    const target = event.target as HTMLElement | null
    if (!target || NATIVE.test(target.tagName) || target.isContentEditable) return
    const role = target.getAttribute('role')
    if (!role || !CONTROL_ROLES.has(role)) return
    // Space would scroll the page; Enter could submit an enclosing form.
    event.preventDefault()
    if (target.hasAttribute('disabled') || target.getAttribute('aria-disabled') === 'true') return
    target.click()
  }
  doc.addEventListener('keydown', onKeyDown)
  const observer = new MutationObserver(() => reachButtons(doc))
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  reachButtons(doc)
  return () => {
    doc.removeEventListener('keydown', onKeyDown)
    observer.disconnect()
  }
}
