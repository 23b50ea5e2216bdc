export default definePageConfig({
  navigationBarTitleText: '我代办的点单',
})
