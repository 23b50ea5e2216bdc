export default defineAppConfig({
  pages: ['pages/index/index'],
  // Pages for each role (volunteer, grid, staff, …) go into subPackages, not the main package.
  subPackages: [],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '红邻',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f3ef',
  },
})
