/**
 * `user`: who the caller is and what they may do.
 * - `login` → `{ profile, grants, volunteer, isNew }` (creates the user on first login);
 * - `updateProfile` (name, phone, elderMode, avatar) → `{ profile, grants, volunteer }`;
 * - `registerVolunteer` (双报到) → the same, with the registration pending;
 * - `verifyVolunteer` (community staff) → `{ userId, volunteer, grants }`;
 * - `volunteers` (community staff) → `{ items, hasMore, next? }`: registrations by status, paged by key;
 * - `exportMyData` → `{ fileID, tempFileURL, expiresAt }`: everything stored about the caller;
 * - `deleteAccount` → `{ deleted, cancelled, anonymised }`;
 * - `subscribe` ({ accepted }) → `{ templates, subscriptions }`: records the subscribe-message
 *   templates accepted, answers the template ids to ask for and the subscriptions left.
 */
import { defineFunction } from '../_runtime/function'
import { deleteAccount } from './delete-account'
import { exportMyData } from './export-my-data'
import { login } from './login'
import { registerVolunteer } from './register-volunteer'
import { subscribe } from './subscribe'
import { updateProfile } from './update-profile'
import { verifyVolunteer } from './verify-volunteer'
import { volunteers } from './volunteers'

export const main = defineFunction('user', {
  login,
  updateProfile,
  registerVolunteer,
  verifyVolunteer,
  volunteers,
  exportMyData,
  deleteAccount,
  subscribe,
})
