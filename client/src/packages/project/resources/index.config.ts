export default definePageConfig({
  navigationBarTitleText: '资源清单',
})
