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
 * H5: Enter and Space on any tappable View (anything announced with a control role) click it,
 * as they would a native button, so every card, tile, chip and switch works from a keyboard.
 * One listener on the document covers every page; answers the function that removes it.
 */
export function activateByKeyboard(doc: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || !activationKey(event)) return
    const target = event.target as HTMLElement | null
    if (!target || NATIVE.test(target.tagName) || target.isContentEditable) return
    const role = target.getAttribute('role')
    if (!role || !CONTROL_ROLES.has(role) || target.getAttribute('aria-disabled') === 'true') return
    // Space would scroll the page; Enter could submit an enclosing form.
    event.preventDefault()
    target.click()
  }
  doc.addEventListener('keydown', onKeyDown)
  return () => doc.removeEventListener('keydown', onKeyDown)
}
