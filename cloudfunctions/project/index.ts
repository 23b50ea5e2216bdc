/**
 * `project`: 揭榜 and the 大党委's review (cloudfunctions/README.md lists every action with
 * its round trips). A project goes draft → bidding → reviewing → awarded → publicity →
 * in_progress → completed, or is cancelled; the rules are in shared/src/project.
 */
import { defineFunction } from '../_runtime/function'
import { accept } from './accept'
import { award } from './award'
import { bid } from './bid'
import { bids } from './bids'
import { cancel } from './cancel'
import { closeBidding } from './close-bidding'
import { closeReview } from './close-review'
import { create } from './create'
import { declareConflict } from './declare-conflict'
import { get } from './get'
import { list } from './list'
import { minutes } from './minutes'
import { myBids } from './my-bids'
import { myReviews } from './my-reviews'
import { needs, promoteNeed } from './needs'
import { answerObjection, object, objections } from './objections'
import { publicize } from './publicize'
import { publish } from './publish'
import { report, reports } from './report'
import { results } from './results'
import { score } from './score'
import { start } from './start'
import { update } from './update'
import { updateBid, withdrawBid } from './update-bid'
import { withdrawScore } from './withdraw-score'

export const main = defineFunction('project', {
  create,
  update,
  publish,
  list,
  get,
  bid,
  updateBid,
  withdrawBid,
  bids,
  myBids,
  closeBidding,
  declareConflict,
  score,
  withdrawScore,
  myReviews,
  closeReview,
  results,
  award,
  publicize,
  object,
  objections,
  answerObjection,
  start,
  report,
  reports,
  accept,
  cancel,
  minutes,
  promoteNeed,
  needs,
})
