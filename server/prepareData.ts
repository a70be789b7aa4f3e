/**
 * Everything the data needs before the app serves: migrations, the org-unit tree on an empty
 * database, and demo history on first start in demo mode. What is seeded comes from the entry point
 * (main.ts passes seed/'s generator), so that server/ holds no demo data.
 */
import { appNow } from './clock';
import fs from 'node:fs';
import path from 'node:path';
import { kpiCatalogue, type KpiCatalogue } from '../kpi-definitions';
import { randomBytes } from 'node:crypto';
import { createApiToken } from './auth/apiTokens';
import { hashPassword } from './auth/sessions';
import { countUsers, insertUser, type Role } from './db/queries/users';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { countMeasurements } from './db/queries/measurements';
import { loadOrgUnits } from './db/queries/orgUnits';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';

/** What fills an empty database: the org-unit tree, and (in demo mode) the history. */
export interface DataSeeder {
  orgUnits(db: Db): Promise<void>;
  history(db: Db, catalogue: KpiCatalogue, tree: OrgUnitTree, options: { now: Date; months: number; scale: number; reports: boolean }, progress: (p: { written: number; total: number }) => void): Promise<number>;
}

export interface PrepareOptions {
  seeder: DataSeeder;
  seedDemo: boolean;
  seedScale: number;
  /** where the demo API token is written for README's curl examples */
  dataDir: string;
  now?: Date;
}

const log = (message: string) => console.log(`[data] ${message}`);

export async function prepareData(db: Db, options: PrepareOptions): Promise<void> {
  const applied = await migrate(db);
  log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');

  if ((await loadOrgUnits(db)).length === 0) {
    await options.seeder.orgUnits(db);
    log('org units created: nation, 34 provincial units, 3,321 synthetic communes');
  }
  if (!options.seedDemo) return;

  if ((await countMeasurements(db)) === 0) {
    const t0 = Date.now();
    const tree = new OrgUnitTree(await loadOrgUnits(db));
    let lastShown = 0;
    // The recent periods stand on staff reports (as /completeness shows them); a benchmark's larger scale has none.
    const history = { now: options.now ?? appNow(), months: 24, scale: options.seedScale, reports: options.seedScale === 1 };
    const rows = await options.seeder.history(db, kpiCatalogue, tree, history, (p) => {
      const pct = Math.floor((100 * p.written) / Math.max(1, p.total));
      if (pct >= lastShown + 10 || p.written >= p.total) {
        lastShown = pct;
        log(`seeding demo history: ${p.written.toLocaleString('en-GB')} / ~${p.total.toLocaleString('en-GB')} rows (${Math.min(100, pct)}%)`);
      }
    });
    log(`demo history seeded: ${rows.toLocaleString('en-GB')} measurements and roll-ups in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  await ensureDemoToken(db, options.dataDir);
  await ensureDemoUsers(db, options.dataDir);
}

/** One demo account per role; passwords are generated on this machine and kept in the data folder. */
const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role; scope: string }> = [
  { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin', scope: 'VN' },
  { username: 'lanhdao', displayName: 'Lãnh đạo Chính phủ', role: 'leader', scope: 'VN' },
  { username: 'lanhdao.hcm', displayName: 'Lãnh đạo TP. Hồ Chí Minh', role: 'leader', scope: '79' },
  { username: 'canbo.hanoi', displayName: 'Cán bộ Sở Hà Nội', role: 'province_staff', scope: '01' },
  { username: 'canbo.xa', displayName: 'Cán bộ Phường Mẫu 001 (Hà Nội)', role: 'commune_staff', scope: 'X01001' },
  { username: 'hoachdinh', displayName: 'Chuyên viên hoạch định', role: 'planner', scope: 'VN' },
];

async function ensureDemoUsers(db: Db, dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'demo-users.txt');
  if (fs.existsSync(file) || (await countUsers(db)) > 0) return;
  const tree = new OrgUnitTree(await loadOrgUnits(db));
  const lines = ['# Demo accounts of this machine (username  password  role  scope). Generated at first start.'];
  for (const u of DEMO_USERS) {
    const password = randomBytes(9).toString('base64url');
    const scope = tree.byCodeOrUndefined(u.scope);
    if (!scope) continue;
    await insertUser(db, { username: u.username, displayName: u.displayName, passwordHash: await hashPassword(password), role: u.role, scopeUnitId: scope.id });
    lines.push(`${u.username}\t${password}\t${u.role}\t${scope.code} ${scope.name}`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  log(`demo accounts written to ${path.relative(process.cwd(), file) || file}`);
}

/** A nation-wide token for the demo, shown once and kept in the data folder (never in the repo). */
async function ensureDemoToken(db: Db, dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'demo-api-token');
  if (fs.existsSync(file)) return;
  const tree = new OrgUnitTree(await loadOrgUnits(db));
  const { token } = await createApiToken(db, `demo-${Date.now().toString(36)}`, tree.nation.id);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  log(`demo API token written to ${path.relative(process.cwd(), file) || file}`);
}
