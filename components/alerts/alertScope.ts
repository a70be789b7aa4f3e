import type { AlertPayload } from '../../shared/realtime/events';

/** Whether an alert is in the viewer's own scope: everything for the nation (and anonymous walls), else their province. */
export function inViewerScope(alert: Pick<AlertPayload, 'provinceId'>, me: { scopeProvinceId: number | null } | null | undefined): boolean {
  return !me || me.scopeProvinceId === null || me.scopeProvinceId === alert.provinceId;
}

/** A count as a badge shows it: "50+" beyond 50, never a silent cap. */
export const BADGE_CAP = 50;
export function badgeCount(n: number): string {
  return n > BADGE_CAP ? `${BADGE_CAP}+` : String(n);
}

/** Staff pages, where staff type: alerts never pop up over their controls there, a counter tells instead. */
const QUIET_PATHS = ['/submit', '/import', '/approvals', '/admin'];

export function isQuietPath(pathname: string): boolean {
  return QUIET_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** Who is looking, as `auth.me` says it. */
export interface AlertViewer {
  role: string;
  scopeUnitId: number;
  scopeProvinceId: number | null;
}

/**
 * Whether the viewer may acknowledge an alert (a leader or an administrator, the alert's unit within
 * their scope): the server's rule (services/alerts.ts), mirrored for an alert that arrives pushed
 * rather than listed; the server checks again when the button is pressed.
 */
export function mayAcknowledgeAlert(alert: Pick<AlertPayload, 'orgUnitId' | 'provinceId'>, viewer: AlertViewer | null | undefined): boolean {
  if (!viewer || (viewer.role !== 'leader' && viewer.role !== 'admin')) return false;
  if (viewer.scopeProvinceId === null) return true; // the nation
  const scopeIsProvince = viewer.scopeUnitId === viewer.scopeProvinceId;
  return viewer.scopeUnitId === alert.orgUnitId || (scopeIsProvince && alert.provinceId === viewer.scopeProvinceId);
}
