/**
 * Configuration, read and validated once. Everything else imports `env` from here instead of
 * reading process.env, so a bad setting stops the start with the variable named.
 */
import { isCalendarDateText } from '../shared/domain/calendarDate';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** a PostgreSQL server (TimescaleDB when available); unset: the embedded TimescaleDB */
  DATABASE_URL: z.string().url().optional(),
  /** the embedded database's folder; relative paths are taken from the working directory */
  DATA_DIR: z.string().default('./data'),
  /** carries live events between app instances */
  REDIS_URL: z.string().url().optional(),
  /**
   * the Redis stream the instances of one deployment share; deployments (or test runs) sharing one
   * Redis keep apart with their own
   */
  REDIS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'must be letters, digits and : _ . - (at most 100)')
    .default('lienthong:live'),
  /** seed demo history when the database has no measurements yet; default on with the embedded database */
  SEED_DEMO: booleanFlag,
  /** multiplies the seeded volume (communes per province are fixed; history density grows) */
  SEED_SCALE: z.coerce.number().positive().max(100).default(1),
  /** run the live demo simulator */
  SIMULATOR: booleanFlag,
  /**
   * ms a page waits for numbers newer than those it already has before it sends those, marked for
   * the browser to ask again (app/_trpc/server.tsx, prefetchLive); 0 never waits
   */
  PAGE_FRESHNESS_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(250),
  /**
   * numbers a page already has that were read at most this many ms ago are sent at once, without
   * waiting for newer ones (marked as above): no older than a live view, one push frame
   * (FRAME_INTERVAL_MS, 250) behind; 0 always waits (the end-to-end tests)
   */
  PAGE_STALE_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /**
   * registers this value as a nation-wide API token at start (deployments and end-to-end tests
   * pass their admin token as a secret; it is never stored in the repo)
   */
  BOOTSTRAP_API_TOKEN: z
    .string()
    .regex(/^lt_[A-Za-z0-9_-]{32,}$/, 'must be lt_ followed by at least 32 URL-safe characters')
    .optional(),
  /**
   * creates the nation-wide administrator `quantri` with this password at start when no account
   * has that name (the first administrator of a deployment without demo data; API tokens cannot
   * create accounts)
   */
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must have at least 10 characters').max(200).optional(),
  /** roll-up refresh period in seconds (embedded database; the server has its own workers) */
  REFRESH_INTERVAL_S: z.coerce.number().int().min(1).default(60),
  /**
   * the address people open (https://kpi.example.gov.vn); with https, cookies are Secure and HSTS
   * is sent, whatever proxy headers say. Unset: a local or plain-http deployment
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\/[^/]+\/?$/i.test(u), 'must be an http(s) origin such as https://kpi.example.gov.vn, without a path')
    .transform((u) => new URL(u).origin)
    .optional(),
  /**
   * reverse proxies in front of the app whose X-Forwarded-For is believed: the sign-in throttle
   * then counts the client's address, not the proxy's (0: the socket's address)
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** the earliest measurement date accepted (a local date); older rows are refused as mistyped */
  MEASUREMENTS_EARLIEST: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2000-01-01')
    .refine(isCalendarDateText, 'must be a real date')
    .default('2000-01-01'),
  /**
   * starts the server's clock at this instant (ISO, with a zone); it then runs at real speed. For
   * end-to-end tests, which put their browsers on the same clock so as not to depend on the calendar
   */
  CLOCK_START: z
    .string()
    .regex(/(Z|[+-]\d\d:\d\d)$/, 'must be an ISO instant with a zone, such as 2026-11-27T10:00:00+07:00')
    .refine((d) => isCalendarDateText(d) && !Number.isNaN(Date.parse(d)), 'must be a real instant')
    .transform((d) => new Date(d))
    .optional(),
});

/** The configuration from a set of variables (process.env in the app; tests pass their own). */
export function readEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  return {
    ...e,
    DATA_DIR: path.resolve(e.DATA_DIR),
    /** demo data and the simulator are on by default only with the embedded database */
    SEED_DEMO: source.SEED_DEMO === undefined ? embedded && e.NODE_ENV !== 'test' : e.SEED_DEMO,
    SIMULATOR: source.SIMULATOR === undefined ? embedded && e.NODE_ENV !== 'test' : e.SIMULATOR,
  };
}

export type Env = ReturnType<typeof readEnv>;
export const env: Env = readEnv();
