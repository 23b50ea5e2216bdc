export default definePageConfig({
  navigationBarTitleText: '红邻',
})
