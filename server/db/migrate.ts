/**
 * Applies the versioned SQL files in ./migrations in order, each in its own transaction, and
 * records them in schema_migration. A file named `NNNN_name.sql` runs in every mode; a pair
 * `NNNN_name.timescaledb.sql` / `NNNN_name.postgresql.sql` is one version with a script per mode.
 * Safe to run twice; refuses a database that a newer version of the code has migrated.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+?)(?:\.(timescaledb|postgresql))?\.sql$/;

export function loadMigrations(timescale: boolean, dir = MIGRATIONS_DIR): Migration[] {
  const wanted = timescale ? 'timescaledb' : 'postgresql';
  const byVersion = new Map<number, Migration>();
  for (const file of fs.readdirSync(dir).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (!match) continue;
    const [, version, name, variant] = match;
    if (variant && variant !== wanted) continue;
    const v = Number(version);
    if (byVersion.has(v)) throw new Error(`two migrations share version ${v}: ${file}`);
    byVersion.set(v, { version: v, name: name!, sql: fs.readFileSync(`${dir}/${file}`, 'utf8') });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** Returns the versions it applied (empty when the database was up to date). */
export async function migrate(db: Db, migrations = loadMigrations(db.timescale)): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migration')).map((r) => r.version),
  );
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    throw new Error(
      `The database was migrated by a newer version of Liên Thông (schema ${Math.max(...unknown)}, this code knows up to ${newest}). Refusing to start.`,
    );
  }
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.execScript(m.sql);
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    done.push(m.version);
  }
  return done;
}
