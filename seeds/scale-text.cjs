/**
 * The words of the scale data set: what residents ask for in each category, names, skills,
 * and which co-building unit takes which kind of work. Category ids are the ones in
 * shared/src/demand/categories.ts; a category missing here is described by its label.
 */

/** [title, detail] pairs per category id. */
const DEMAND_TEXT = {
  elderly_care: [
    ['想请人陪我去医院复查', '下周要去医院复查，腿脚不便，希望有人陪同。'],
    ['老伴行动不便需要助浴', '老伴卧床半年，家里没人能帮他洗澡。'],
    ['帮忙取一下慢病药', '每月要去社区卫生服务站取药，最近走不动了。'],
  ],
  repair: [
    ['家里电视没有信号', '电视突然没有信号，机顶盒灯一直闪。'],
    ['厨房水龙头漏水', '水龙头关不严，一直滴水，一晚上能接半桶。'],
    ['插座一用就跳闸', '卧室插座一插电暖气就跳闸，不敢用了。'],
  ],
  legal: [
    ['咨询遗嘱怎么写', '想了解遗嘱需要哪些手续，要不要公证。'],
    ['房屋租赁合同纠纷', '房东不退押金，想问问该怎么办。'],
  ],
  psychological: [
    ['孩子最近不愿意说话', '孩子上初中后不爱说话，想找人聊聊。'],
    ['独居老人情绪低落', '老伴走后一直睡不好，心里闷得慌。'],
  ],
  errand: [
    ['帮忙代买降压药', '常吃的药快吃完了，药店在两公里外。'],
    ['帮忙交一下水电费', '不会用手机缴费，营业厅太远。'],
    ['代取快递', '快递放在驿站好几天了，拎不动。'],
  ],
  health: [
    ['想量量血压血糖', '最近头晕，想请医生上门看看。'],
    ['膝盖疼想咨询医生', '上下楼膝盖疼，不知道该挂哪个科。'],
  ],
  tutoring: [
    ['孩子数学跟不上', '孩子四年级，分数学得吃力，家里没人能辅导。'],
    ['想学用智能手机', '想学视频通话和扫码，好跟孙子联系。'],
  ],
  other_service: [
    ['帮忙搬一下旧家具', '旧衣柜要搬到楼下，家里只有老两口。'],
    ['请人帮忙写春联', '过年想贴自己写的春联，手抖写不了。'],
  ],
  study_supplies: [
    ['孙子想要一个新书包', '孙子今年上三年级，书包带子断了。'],
    ['孩子需要一套课外读物', '孩子喜欢看书，家里条件有限。'],
  ],
  daily_goods: [
    ['冬天需要一床厚被子', '家里被子太薄，冬天冷。'],
    ['想要一个电饭煲', '电饭煲坏了，一个人吃饭凑合着用锅煮。'],
  ],
  visit: [
    ['想有人陪我聊聊天', '老伴走了以后一个人在家，想有人常来坐坐。'],
    ['想请人陪着去公园走走', '一个人不敢出门，想有人陪着散散步。'],
  ],
  other_wish: [['想要一副老花镜', '眼镜摔坏了，看报纸看不清。']],
  street_light: [
    ['楼前路灯不亮', '楼和楼之间的路灯坏了一个星期，晚上很黑。'],
    ['小区门口路灯一直闪', '门口路灯忽明忽暗，晚上看不清台阶。'],
  ],
  rubbish: [
    ['小区东门垃圾没人清', '东门垃圾桶满了两天。'],
    ['楼下堆了建筑垃圾', '有人装修把垃圾堆在楼下，一直没拉走。'],
  ],
  safety_hazard: [
    ['楼道里堆满了杂物', '楼道堆了很多纸箱，有火灾隐患。'],
    ['电动车在楼道充电', '有人把电动车推进楼道充电，很危险。'],
  ],
  road_damage: [
    ['小区路面有个大坑', '下雨积水，老人走路容易摔。'],
    ['井盖松动', '路口井盖一踩就晃，担心有人掉下去。'],
  ],
  noise: [
    ['楼上装修太吵', '每天早上七点就开始装修，中午也不停。'],
    ['广场舞音响声音太大', '晚上九点以后还在放音乐，孩子没法睡觉。'],
  ],
  other_report: [['单元门禁坏了', '单元门关不上，陌生人随便进出。']],
}

/** Which unit takes a category's work when staff choose a unit (ids from seeds/demo.cjs). */
const UNIT_FOR_CATEGORY = {
  repair: 'unit-power',
  street_light: 'unit-power',
  tutoring: 'unit-school',
  health: 'unit-hospital',
  elderly_care: 'unit-hospital',
  legal: 'unit-court',
  errand: 'unit-bank',
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧'
const GIVEN = [
  '秀英',
  '桂兰',
  '建国',
  '淑珍',
  '志强',
  '玉梅',
  '国华',
  '凤英',
  '德明',
  '丽华',
  '振华',
  '秀兰',
  '文杰',
  '海燕',
  '春生',
  '慧敏',
  '永刚',
  '金凤',
  '立新',
  '红梅',
  '学军',
  '晓东',
  '美玲',
  '宏伟',
  '桂芳',
  '卫东',
  '玉兰',
  '明辉',
  '淑芬',
  '子涵',
]

const SKILLS = [
  '助老',
  '家电维修',
  '跑腿代办',
  '课业辅导',
  '法律咨询',
  '心理疏导',
  '健康义诊',
  '陪伴老人',
  '电路检修',
  '理发',
  '手工',
  '普法宣传',
]
const WORK_UNITS = ['区税务局', '区司法局', '区教育局', '区卫健委', '区财政局', '区市场监管局', '区城管委', '区民政局']

const REJECT_REASONS = [
  '超出社区服务范围，已告知可联系专业机构',
  '信息不完整，已电话联系居民补充后重新提交',
  '属于物业职责，已转交物业公司',
]
const DECLINE_REASONS = ['临时有事，无法按时上门', '不熟悉这类维修，请派给更合适的人']
const CANCEL_REASONS = ['问题已自行解决', '家人已经帮忙办好了', '暂时不需要了']
const PROGRESS_NOTES = ['已上门查看，需要购买配件', '已联系相关部门，等待处理', '第一次上门已完成，约好下周再来']
const COMPLETE_NOTES = ['已按要求完成', '已修好，试用正常', '已送到居民家中', '已处理完毕，现场已清理']
const REOPEN_REASONS = ['用了两天又坏了', '问题还没有解决']
const COMMENTS = ['服务很周到，谢谢！', '来得很及时', '态度好，办事利索', '基本解决了', '感谢志愿者的耐心']
const CLOSE_NOTES = ['群众满意，准予销号', '已回访，办结', undefined]

module.exports = {
  DEMAND_TEXT,
  UNIT_FOR_CATEGORY,
  SURNAMES,
  GIVEN,
  SKILLS,
  WORK_UNITS,
  REJECT_REASONS,
  DECLINE_REASONS,
  CANCEL_REASONS,
  PROGRESS_NOTES,
  COMPLETE_NOTES,
  REOPEN_REASONS,
  COMMENTS,
  CLOSE_NOTES,
}
