/** The input schema of every cloud function action, by function and action name. */
import * as audit from './audit'
import { Empty } from './common'
import * as demand from './demand'
import * as dispatch from './dispatch'
import * as mall from './mall'
import * as org from './org'
import { ProjectSchemas } from './project'
import { PointsHonourSchemas } from './points'
import * as task from './task'
import * as user from './user'

export const Schemas = {
  user: {
    login: user.UserLogin,
    updateProfile: user.UserUpdateProfile,
    registerVolunteer: user.UserRegisterVolunteer,
    verifyVolunteer: user.UserVerifyVolunteer,
    volunteers: user.UserVolunteers,
    exportMyData: user.UserExportMyData,
    deleteAccount: user.UserDeleteAccount,
  },
  org: {
    streets: Empty,
    communities: user.OrgCommunities,
    grids: user.OrgGrids,
    units: user.OrgUnits,
    committee: user.OrgCommittee,
    grantRole: user.OrgGrantRole,
    revokeRole: user.OrgRevokeRole,
    slaPolicy: org.OrgSlaPolicy,
    setSlaPolicy: org.OrgSetSlaPolicy,
    resources: org.OrgResources,
    updateResources: org.OrgUpdateResources,
    unitScorecard: org.OrgUnitScorecard,
    projectRules: org.OrgProjectRules,
    setProjectRules: org.OrgSetProjectRules,
  },
  demand: {
    create: demand.DemandCreate,
    createOnBehalf: demand.DemandCreateOnBehalf,
    listMine: demand.DemandListMine,
    get: demand.DemandGet,
    cancel: demand.DemandCancel,
    confirm: demand.DemandConfirm,
    rate: demand.DemandRate,
    reopen: demand.DemandReopen,
    listOnBehalf: demand.DemandListOnBehalf,
    listFollowing: demand.DemandListFollowing,
    similar: demand.DemandSimilar,
    follow: demand.DemandFollow,
  },
  dispatch: {
    inbox: dispatch.DispatchInbox,
    accept: dispatch.DispatchAccept,
    reject: dispatch.DispatchReject,
    merge: dispatch.DispatchMerge,
    suggest: dispatch.DispatchSuggest,
    assign: dispatch.DispatchAssign,
    publish: dispatch.DispatchPublish,
    close: dispatch.DispatchClose,
    similar: dispatch.DispatchSimilar,
  },
  task: {
    hall: task.TaskHall,
    claim: task.TaskClaim,
    mine: task.TaskMine,
    accept: task.TaskAccept,
    decline: task.TaskDecline,
    start: task.TaskStart,
    progress: task.TaskProgress,
    complete: task.TaskComplete,
  },
  points: {
    balance: user.PointsBalance,
    ledger: user.PointsLedger,
    reconcile: user.PointsReconcile,
    correct: mall.PointsCorrect,
    ...PointsHonourSchemas,
  },
  mall: {
    rewards: mall.MallRewards,
    upsertReward: mall.MallUpsertReward,
    approveReward: mall.MallApproveReward,
    redeem: mall.MallRedeem,
    mine: mall.MallMine,
    cancel: mall.MallCancel,
    lookup: mall.MallLookup,
    verify: mall.MallVerify,
    reissue: mall.MallReissue,
    redemptions: mall.MallRedemptions,
  },
  notify: { inbox: user.NotifyInbox, markRead: user.NotifyMarkRead },
  audit: { list: audit.AuditList, verify: audit.AuditVerify },
  project: ProjectSchemas,
} as const

export type FunctionName = keyof typeof Schemas
export type ActionName<F extends FunctionName> = keyof (typeof Schemas)[F] & string

export * from './audit'
export * from './common'
export * from './cursor'
export * from './demand'
export * from './dispatch'
export * from './mall'
export * from './org'
export * from './points'
export * from './project'
export * from './task'
export * from './user'
export type {
  AuditEntryView,
  DemandView,
  InboxItem,
  Notification,
  OrgItem,
  Paged,
  ProfileAnswer,
  Results,
  SearchReport,
  SimilarDemand,
  SlaPolicyAnswer,
  UnitSuggestion,
  VolunteerApplicant,
  VolunteerRegistration,
  VolunteerSuggestion,
} from './results'
