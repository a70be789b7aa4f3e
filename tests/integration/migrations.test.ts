/**
 * The schema migrations in both modes: versions recorded once, nothing re-applied, a newer database
 * refused, a failing migration leaves no trace, and the roll-ups take the mode's shape
 * (continuous aggregates on TimescaleDB, plain views on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { loadMigrations, migrate, type Migration } from '../../server/db/migrate';
import { availableModes, openTestDb, type TestDb } from '../helpers/testDb';

interface SchemaMigrationRow {
  version: number;
  name: string;
  applied_at: Date;
}

async function recordedVersions(db: Db): Promise<SchemaMigrationRow[]> {
  return db.query<SchemaMigrationRow>('SELECT version, name, applied_at FROM schema_migration ORDER BY version');
}

function codeVersions(db: Db): number[] {
  return loadMigrations(db.timescale).map((m) => m.version);
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const rows = await db.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
  return rows[0]!.found;
}

describe.each(await availableModes())('migrations (%s)', (mode) => {
  let testDb: TestDb;
  let db: Db;

  beforeAll(async () => {
    testDb = await openTestDb(mode); // opens and migrates once
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('records every version of the code once, and a second run applies nothing', async () => {
    const code = loadMigrations(db.timescale);
    // versions start at 1 and leave no gap
    expect(code.map((m) => m.version)).toEqual(code.map((_, i) => i + 1));
    expect(code.map((m) => m.name).slice(0, 2)).toEqual(['core', 'rollups']);

    const recorded = await recordedVersions(db);
    expect(recorded.map((r) => ({ version: r.version, name: r.name }))).toEqual(code.map((m) => ({ version: m.version, name: m.name })));
    for (const r of recorded) expect(r.applied_at).toBeInstanceOf(Date);

    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    expect(await recordedVersions(db)).toEqual(recorded);
  });

  it('applies only a version it has not recorded, once', async () => {
    const known = codeVersions(db);
    const version = known.length + 1;
    const next: Migration = { version, name: 'probe_table', sql: 'CREATE TABLE migration_probe (id integer PRIMARY KEY);' };
    try {
      expect(await migrate(db, [...loadMigrations(db.timescale), next])).toEqual([version]);
      expect(await tableExists(db, 'migration_probe')).toBe(true);
      expect(await migrate(db, [...loadMigrations(db.timescale), next])).toEqual([]);
      expect((await recordedVersions(db)).map((r) => r.version)).toEqual([...known, version]);
    } finally {
      await db.query('DROP TABLE IF EXISTS migration_probe');
      await db.query('DELETE FROM schema_migration WHERE version = $1', [version]);
    }
    expect(await migrate(db)).toEqual([]);
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    const known = codeVersions(db);
    const broken: Migration = {
      version: known.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE migration_broken (id integer PRIMARY KEY);\nSELECT 1 / 0;',
    };
    await expect(migrate(db, [...loadMigrations(db.timescale), broken])).rejects.toThrow(/division by zero/);
    expect(await tableExists(db, 'migration_broken')).toBe(false);
    expect((await recordedVersions(db)).map((r) => r.version)).toEqual(known);
  });

  it('refuses a database migrated by a newer version of the code', async () => {
    await db.query(`INSERT INTO schema_migration (version, name) VALUES (999, 'from_the_future')`);
    try {
      await expect(migrate(db)).rejects.toThrow(/newer/);
      // nothing was applied or recorded on the way
      expect((await recordedVersions(db)).map((r) => r.version)).toEqual([...codeVersions(db), 999]);
    } finally {
      await db.query('DELETE FROM schema_migration WHERE version = 999');
    }
    expect(await migrate(db)).toEqual([]);
  });

  it('gives the roll-ups the shape of the mode', async () => {
    if (mode === 'embedded') expect(db.timescale).toBe(true);
    if (db.timescale) {
      const hypertables = await db.query<{ hypertable_name: string }>(
        `SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'`,
      );
      expect(hypertables.map((h) => h.hypertable_name)).toContain('measurement');
      const aggregates = await db.query<{ view_name: string; materialized_only: boolean }>(
        `SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates
         WHERE view_schema = 'public' ORDER BY view_name`,
      );
      // real-time aggregation: reads see the newest raw rows beyond the materialised buckets
      expect(aggregates).toEqual([
        { view_name: 'rollup_day', materialized_only: false },
        { view_name: 'rollup_hour', materialized_only: false },
        { view_name: 'rollup_month', materialized_only: false },
      ]);
    } else {
      expect(db.mode).toBe('server-postgresql');
      const relations = await db.query<{ table_name: string; table_type: string }>(
        `SELECT table_name, table_type FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name LIKE 'rollup\\_%' ORDER BY table_name`,
      );
      expect(relations).toEqual([
        { table_name: 'rollup_day', table_type: 'VIEW' },
        { table_name: 'rollup_hour', table_type: 'VIEW' },
        { table_name: 'rollup_month', table_type: 'VIEW' },
      ]);
      const measurement = await db.query<{ table_type: string }>(
        `SELECT table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'measurement'`,
      );
      expect(measurement).toEqual([{ table_type: 'BASE TABLE' }]);
    }
  });
});
