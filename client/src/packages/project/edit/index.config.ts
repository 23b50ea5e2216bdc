export default definePageConfig({
  navigationBarTitleText: '编辑任务书',
})
