/**
 * A child process for tests/integration/embeddedDurability.test.ts: opens the embedded database in
 * the folder it is given, commits rows one transaction each, prints "acknowledged N" after each
 * commit, then waits to be killed.
 */
import { openDb } from '../../server/db/db';

const [dataDir, count] = process.argv.slice(2);
const db = await openDb({ dataDir });
await db.query('CREATE TABLE IF NOT EXISTS acknowledged (n integer PRIMARY KEY)');
for (let n = 1; n <= Number(count); n++) {
  await db.transaction((tx) => tx.query('INSERT INTO acknowledged (n) VALUES ($1)', [n]));
  process.stdout.write(`acknowledged ${n}\n`);
}
setInterval(() => undefined, 60_000);
