// ESLint (flat config): typescript-eslint's type-checked recommended set, React's hooks rules,
// Next's rules, and the one boundary of issue 8 drawn in folders:
//   components/      → components/, shared/, kpi-definitions/, and the router's TYPE only
//   shared/          → shared/, kpi-definitions/ (and libraries)
//   kpi-definitions/ → itself only
//   server/          → never seed/, components/ or app/
//   app/             → never seed/
// tests/, bench/, scripts/, seed/ and main.ts are free (seed/ may import server/ and shared/).
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Our top-level folders, as a relative import spells them: any number of '../' then the folder
// (or an '@/' alias). The rules match the specifier as written, so a folder's own files importing
// one another ('./x', '../x' inside it) never match: only a path that climbs to the root does.
const ours = (folder) => `^(\\.\\./)+${folder}(/|\\.|$)|^@/${folder}(/|\\.|$)`;

/** @param {string} folder @param {string} why */
const forbid = (folder, why) => ({ regex: ours(folder), message: why });

const NOT_SEED = 'Demo data (seed/) is injected by the entry point (main.ts); production code never imports it.';
const NOT_COMPONENTS = 'components/ is the browser side; the server never imports it (move pure code both use to shared/).';
const NOT_APP = 'app/ holds the Next routes; nothing below it imports them.';
const NOT_SERVER_FROM_CLIENT =
  'components/ and shared/ never import server/: take wire types from RouterOutputs (components/trpc.ts), pure code from shared/.';
const ROUTER_TYPE_ONLY = 'components/ may import only the TYPE of the router: `import type { AppRouter } from …/server/trpc/root`.';
const NOT_TOOLING = 'tests/, bench/, scripts/ and main.ts sit outside the app; production code never imports them.';

const KPI_ALONE = 'kpi-definitions/ is the catalogue everything else reads; it imports nothing of ours but itself.';

const tooling = ['tests', 'bench', 'scripts', 'main'].map((folder) => forbid(folder, NOT_TOOLING));

/** One @typescript-eslint/no-restricted-imports entry for a folder (patterns only). */
const boundary = (patterns) => ['error', { patterns }];

export default defineConfig(
  {
    ignores: ['node_modules/', '.next/', '.next-*/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused code is dead code; a leading underscore says "unused on purpose" (an argument an API
      // hands us, a tuple slot we skip).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // React's event props (onClick, onSubmit) and tRPC's mutate take functions returning void;
      // handing them an async function is the idiom, and its rejections surface through TanStack
      // Query's error state. Still check that promises are not passed where a boolean/condition is.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Template literals with numbers are how we build labels, keys and SQL identifiers from
      // typed numbers; the rule's value is catching objects and undefined, which stay forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // An async function that implements a Promise-returning interface (a route handler, a Db
      // method) turns a throw into a rejection, which its callers handle; without `await` in it
      // the rule would have us drop that. Forgotten awaits are caught by no-floating-promises.
      '@typescript-eslint/require-await': 'off',
      // One name for the country's time zone (shared/domain/periods.ts); tests may spell it out.
      'no-restricted-syntax': [
        'error',
        { selector: "Literal[value='Asia/Ho_Chi_Minh']", message: 'Use TIME_ZONE from shared/domain/periods.ts.' },
        { selector: 'TemplateElement[value.raw=/Asia\\/Ho_Chi_Minh/]', message: 'Use TIME_ZONE from shared/domain/periods.ts.' },
      ],
    },
  },
  {
    files: ['shared/domain/periods.ts', 'tests/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`; every
      // `toEqual({ … expect.any(String) … })` would be flagged. Tests check shapes at run time.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Plain JavaScript (configs, scripts/*.mjs) has no TS program behind it: no type-aware rules.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Browser-only state (the saved locale, the wall clock, "hydrated yet") is read after
      // hydration, in an effect, so the first client render equals the server's HTML; the rule
      // would move it into render and break hydration. (No React Compiler here to protect.)
      'react-hooks/set-state-in-effect': 'off',
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },

  // ── The boundary ─────────────────────────────────────────────────────────────────────────
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': boundary([
        // Everything under server/ but the router's module…
        { regex: `(${ours('server')})(?!trpc/root(\\.ts)?$)`, message: NOT_SERVER_FROM_CLIENT },
        // …and that one only for its type (inferRouterInputs/Outputs need it; no server code ships).
        { regex: `(${ours('server')})trpc/root(\\.ts)?$`, message: ROUTER_TYPE_ONLY, allowTypeImports: true },
        forbid('seed', NOT_SEED),
        forbid('app', NOT_APP),
        ...tooling,
      ]),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': boundary([
        forbid('server', NOT_SERVER_FROM_CLIENT),
        forbid('components', 'shared/ is pure code both sides use; it imports only shared/ and kpi-definitions/.'),
        forbid('seed', NOT_SEED),
        forbid('app', NOT_APP),
        ...tooling,
      ]),
    },
  },
  {
    files: ['kpi-definitions/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': boundary([
        ...['server', 'components', 'seed', 'app', 'tests', 'bench', 'scripts', 'main'].map((folder) => forbid(folder, KPI_ALONE)),
        // shared/zod is zod itself, configured for the browser's CSP (no eval probe); the KPI schema
        // must be built with it, so it is the one file of shared/ the catalogue may read.
        { regex: `(${ours('shared')})(?!zod(\\.ts)?$)`, message: KPI_ALONE },
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': boundary([
        forbid('seed', NOT_SEED),
        forbid('components', NOT_COMPONENTS),
        forbid('app', NOT_APP),
        ...tooling,
      ]),
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': boundary([forbid('seed', NOT_SEED), ...tooling]),
    },
  },
);
