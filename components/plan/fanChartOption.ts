/** Moved to shared/ so the server's export draws the same fan chart (server/export/exportViews.ts, the plan view). */
export * from '../../shared/plan/fanChartOption';
