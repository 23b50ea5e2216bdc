/**
 * `demand`: what residents do with their demands (点单 and 评单), and grid workers ordering on
 * their behalf (代办). Each action lives in its own file; this one only wires them.
 */
import { defineFunction } from '../_runtime/function'
import { cancel } from './cancel'
import { create } from './create'
import { createOnBehalf } from './create-on-behalf'
import { follow } from './follow'
import { get } from './get'
import { listFollowing } from './list-following'
import { listMine } from './list-mine'
import { listOnBehalf } from './list-on-behalf'
import { confirm, rate, reopen } from './review'
import { similar } from './similar'

export const main = defineFunction('demand', {
  create,
  createOnBehalf,
  listMine,
  listOnBehalf,
  listFollowing,
  similar,
  follow,
  get,
  cancel,
  confirm,
  rate,
  reopen,
})
