export default definePageConfig({
  navigationBarTitleText: '我跟进的问题',
})
