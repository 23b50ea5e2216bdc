export default definePageConfig({
  navigationBarTitleText: '礼品设置',
})
