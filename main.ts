/**
 * The app's entry point: the server (server/) with the demo data and feed (seed/) injected, so that
 * nothing in server/ depends on demo data.
 */
import { seedHistory, seedOrgUnits } from './seed/seedDatabase';
import { startSimulator } from './seed/simulator';
import { startServer } from './server/startServer';

startServer({ seeder: { orgUnits: seedOrgUnits, history: seedHistory }, startSimulator }).catch((err) => {
  console.error('[server] failed to start:', err);
  process.exit(1);
});
