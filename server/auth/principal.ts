/** Who is acting: a signed-in user, a system with an API token, or the app itself (seed, simulator). */
import type { Role } from '../db/queries/users';

export type { Role };

export interface Principal {
  kind: 'token' | 'user' | 'system';
  /** stable name recorded with each write, e.g. `user:lanhdao.hcm` or `token:hcm-one-stop-shop` */
  name: string;
  /** the org unit whose subtree this principal may see and write to */
  scopeUnitId: number;
  /** a user's role; systems act within their scope without a role */
  role: Role | 'system';
}
