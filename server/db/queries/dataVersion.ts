import type { Queryable } from '../db';

/**
 * A stamp that changes whenever a number or a report's status may have changed: every write of
 * measurements is a new ingest batch, every report transition (submit, approve, return, correct) a
 * new report event. Two index lookups; what open data's cache is keyed on.
 */
export async function getDataVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ batch: string; event: string }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM ingest_batch)::text AS batch,
            (SELECT coalesce(max(id), 0) FROM report_event)::text AS event`,
  );
  return `${row!.batch}.${row!.event}`;
}
