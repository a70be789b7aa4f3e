/**
 * The folder boundary (issue 8) bites: eslint.config.mjs, run through ESLint's Node API on text
 * that claims to live in a given folder, reports a bad import and passes an allowed one.
 * Only the boundary rule runs (ruleFilter) and without a TS program, so the test takes a second
 * rather than the whole project's type check.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    // the boundary rule needs no types; the type-aware rules are filtered out below
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === RULE,
  });
});

/** The boundary messages ESLint gives for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('import boundaries (eslint.config.mjs)', () => {
  it.each([
    ['components/x/Bad.tsx', "import type { ReportRow } from '../../server/db/queries/reports';", 'RouterOutputs'],
    ['components/x/Bad.tsx', "import { appNow } from '../../server/clock';", 'RouterOutputs'],
    ['components/Bad.tsx', "import { appRouter } from '../server/trpc/root';", 'TYPE of the router'],
    ['components/x/Bad.tsx', "import { seedDemo } from '../../seed/seed';", 'seed/'],
    ['components/x/Bad.tsx', "import Page from '../../app/page';", 'app/'],
    ['shared/domain/Bad.ts', "import { appNow } from '../../server/clock';", 'server/'],
    ['shared/Bad.ts', "import { Clock } from '../components/layout/Clock';", 'shared/'],
    ['server/services/Bad.ts', "import { REGIONS } from '../../seed/regions';", 'seed/'],
    ['server/Bad.ts', "import { Clock } from '../components/layout/Clock';", 'components/'],
    ['server/Bad.ts', "export { default } from '../app/page';", 'app/'],
    ['server/Bad.ts', "import { TEST_NOW } from '../tests/helpers/clock';", 'tests/'],
    ['app/x/page.tsx', "import { REGIONS } from '../../seed/regions';", 'seed/'],
    ['kpi-definitions/Bad.ts', "import { TIME_ZONE } from '../shared/domain/periods';", 'kpi-definitions/'],
    ['kpi-definitions/Bad.ts', "import { appNow } from '../server/clock';", 'kpi-definitions/'],
  ])('%s: %s is an error', async (filePath, code, says) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(says);
  });

  it.each([
    ['components/Ok.tsx', "import type { AppRouter } from '../server/trpc/root';"],
    ['components/x/Ok.tsx', "import { type AppRouter } from '../../server/trpc/root';"],
    ['components/x/Ok.tsx', "import { TIME_ZONE } from '../../shared/domain/periods';"],
    ['components/x/Ok.tsx', "import { kpiCatalogue } from '../../kpi-definitions';"],
    ['components/x/Ok.tsx', "import { useTRPC, type RouterOutputs } from '../trpc';"],
    ['components/x/Ok.tsx', "import { useQuery } from '@tanstack/react-query';"],
    ['components/x/Ok.tsx', "import { serverProblem } from '../../shared/serverProblem';"],
    ['shared/domain/Ok.ts', "import { kpiCatalogue } from '../../kpi-definitions';"],
    ['shared/domain/Ok.ts', "import { TIME_ZONE } from './periods';"],
    ['kpi-definitions/Ok.ts', "import { z } from '../shared/zod';"],
    ['kpi-definitions/Ok.ts', "import { isComposite } from './schema';"],
    ['server/services/Ok.ts', "import { TIME_ZONE } from '../../shared/domain/periods';"],
    ['server/services/Ok.ts', "import { db } from '../db/db';"],
    ['app/x/page.tsx', "import { Overview } from '../../components/overview/Overview';"],
    ['seed/Ok.ts', "import { appNow } from '../server/clock';"],
    ['tests/unit/Ok.test.ts', "import { REGIONS } from '../../seed/regions';"],
    ['main.ts', "import { seedDemo } from './seed/seed';"],
  ])('%s: %s is allowed', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
