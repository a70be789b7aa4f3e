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
