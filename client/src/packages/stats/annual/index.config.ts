export default definePageConfig({
  navigationBarTitleText: '双报到年度报告',
})
