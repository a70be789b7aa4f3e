/**
 * Names for the shapes the server sends that several components pass around, read off the
 * router (RouterOutputs), never imported from server/: a component cannot depend on a DB row or a
 * service's internals, only on what a procedure returns. (The ESLint boundary enforces it.)
 */
import type { RouterOutputs } from './trpc';

type Out = RouterOutputs;

/** a user account's role (a signed-in principal may also be `system`, an API token) */
export type Role = Out['users']['list'][number]['role'];

/** one KPI's current value for a unit (values.current) */
export type KpiSnapshot = Out['values']['current'][number];
/** one child unit's value in a ranking (values.ranking) */
export type RankedChild = Out['values']['ranking']['children'][number];
/** every province against the service index (values.scorecard) */
export type ScorecardData = Out['values']['scorecard'];
export type ScorecardRow = ScorecardData['rows'][number];

/** an alert as the alert lists show it */
export type AlertView = Out['alerts']['open'][number];

/** who has reported a KPI set for a period (completeness.get) */
export type Completeness = Out['completeness']['get'];
export type ProvinceCompleteness = Completeness['provinces'][number];

/** a saved report as the form receives it (reports.form) */
export type ReportRow = NonNullable<Out['reports']['form']['entries'][number]['report']>;
export type ReportStatus = ReportRow['status'];
export type ReportInputs = ReportRow['inputs'];
/** what happened to a report, as its history lists it (reports.history) */
export type ReportAction = Out['reports']['history']['events'][number]['action'];
