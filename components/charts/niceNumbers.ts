/** Moved to shared/ so the server's export draws the same axes (server/export/exportViews.ts, the plan view). */
export * from '../../shared/charts/niceNumbers';
