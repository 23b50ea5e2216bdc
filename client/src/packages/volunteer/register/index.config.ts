export default definePageConfig({
  navigationBarTitleText: '志愿者报到',
})
