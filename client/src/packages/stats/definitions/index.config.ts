export default definePageConfig({
  navigationBarTitleText: '口径说明',
})
