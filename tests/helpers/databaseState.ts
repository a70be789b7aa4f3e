/**
 * A fingerprint of everything a write can change, to assert that a refused call changed nothing:
 * row counts, plus sums that move when a row is updated in place (a report's version, a
 * measurement's parts, an alert's acknowledgement, an account's, a session's or a token's
 * revocation, a unit's activity).
 */
import type { Queryable } from '../../server/db/db';

export interface DatabaseState {
  reports: number;
  /** grows on every save, submission, approval and correction of an existing report */
  reportVersions: number;
  reportEvents: number;
  measurements: number;
  /** Σ num + Σ den over measurement: moves when a value is replaced in place */
  measurementParts: number;
  measurementRevisions: number;
  ingestBatches: number;
  alerts: number;
  alertsAcknowledged: number;
  users: number;
  usersDisabled: number;
  liveSessions: number;
  liveApiTokens: number;
  orgUnits: number;
  activeOrgUnits: number;
}

export async function databaseState(db: Queryable): Promise<DatabaseState> {
  const [row] = await db.query<DatabaseState>(
    `SELECT (SELECT count(*) FROM report)::int AS "reports",
            (SELECT coalesce(sum(version), 0) FROM report)::int AS "reportVersions",
            (SELECT count(*) FROM report_event)::int AS "reportEvents",
            (SELECT count(*) FROM measurement)::int AS "measurements",
            (SELECT coalesce(sum(num) + sum(den), 0) FROM measurement)::float8 AS "measurementParts",
            (SELECT count(*) FROM measurement_revision)::int AS "measurementRevisions",
            (SELECT count(*) FROM ingest_batch)::int AS "ingestBatches",
            (SELECT count(*) FROM alert)::int AS "alerts",
            (SELECT count(*) FROM alert WHERE acknowledged_at IS NOT NULL)::int AS "alertsAcknowledged",
            (SELECT count(*) FROM app_user)::int AS "users",
            (SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL)::int AS "usersDisabled",
            (SELECT count(*) FROM user_session WHERE revoked_at IS NULL)::int AS "liveSessions",
            (SELECT count(*) FROM api_token WHERE revoked_at IS NULL)::int AS "liveApiTokens",
            (SELECT count(*) FROM org_unit)::int AS "orgUnits",
            (SELECT count(*) FROM org_unit WHERE active)::int AS "activeOrgUnits"`,
  );
  return row!;
}
