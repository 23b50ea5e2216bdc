/**
 * In the mini-program the caller is whoever WeChat says they are: there is nothing to pick.
 * The H5 build resolves `index.h5.tsx` instead (Taro's per-platform files).
 */
export default function PersonaPicker() {
  return null
}
