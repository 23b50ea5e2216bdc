/**
 * Props for a View that acts as a button: announced as one and reachable by keyboard on H5
 * (Taro's View types leave tabIndex out, so it is spread; the mini-program ignores it).
 */
export const TAPPABLE: Record<string, unknown> = { role: 'button', tabIndex: 0 }
