// WeChat loads custom-tab-bar/ as a component; Taro writes this as its index.json. `comp` is
// Taro's recursive template component, which pages get by default and a component must name.
export default { component: true, usingComponents: { comp: '../comp' } }
