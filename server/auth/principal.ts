/** Who is acting: a system with an API token, a signed-in user, or the app itself (seed, simulator). */
export interface Principal {
  kind: 'token' | 'user' | 'system';
  /** stable name recorded with each batch, e.g. `token:hcm-one-stop-shop` */
  name: string;
  /** the org unit whose subtree this principal may write to */
  scopeUnitId: number;
}
