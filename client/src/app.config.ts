export default defineAppConfig({
  pages: ['pages/index/index', 'pages/inbox/index', 'pages/mine/index'],
  // Pages for each role live in subpackages so the main package stays small.
  subPackages: [
    { root: 'packages/resident', pages: ['order/index', 'demands/index', 'demand/index', 'following/index'] },
    { root: 'packages/volunteer', pages: ['register/index', 'hall/index', 'tasks/index', 'points/index'] },
    { root: 'packages/staff', pages: ['inbox/index', 'dispatch/index', 'volunteers/index', 'audit/index', 'on-behalf/index'] },
    { root: 'packages/mall', pages: ['rewards/index', 'mine/index', 'verify/index', 'edit/index'] },
    { root: 'packages/honours', pages: ['ranking/index', 'certificate/index', 'verify/index'] },
    { root: 'packages/stats', pages: ['dashboard/index', 'definitions/index', 'hotspots/index', 'ledger/index', 'annual/index'] },
    {
      root: 'packages/project',
      pages: ['lists/index', 'detail/index', 'edit/index', 'bid/index', 'reviews/index', 'score/index', 'resources/index'],
    },
  ],
  tabBar: {
    // The weapp draws it with custom-tab-bar/ (labels that grow in 长辈模式, the unread badge);
    // Taro's H5 router has no custom tab bar and keeps its own, styled in app.scss.
    custom: process.env.TARO_ENV === 'weapp',
    color: '#5c5c5c',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/inbox/index', text: '消息', iconPath: 'assets/tab/inbox.png', selectedIconPath: 'assets/tab/inbox-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-on.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '红邻',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f3ef',
  },
})
