/**
 * How large a tRPC request body may be, per procedure, so that no one (signed in or not) can make
 * the server hold an arbitrary body in memory. Read before the body: the adapter stops reading at
 * the limit and answers 413.
 */

/**
 * bytes. A batch call gets the smallest limit of the procedures it names: a public procedure in a
 * batch must not let a body through that it alone would refuse. Large writes go alone.
 */
export const TRPC_BODY_LIMITS = {
  /** a username and a password */
  auth: 16 * 1024,
  /** a batch of up to 100,000 rows as superjson */
  ingest: 64 * 1024 * 1024,
  /** forms, approvals, filters */
  default: 1024 * 1024,
} as const;

function limitOf(procedure: string): number {
  if (procedure === 'measurements.ingest') return TRPC_BODY_LIMITS.ingest;
  if (procedure.startsWith('auth.')) return TRPC_BODY_LIMITS.auth;
  return TRPC_BODY_LIMITS.default;
}

/** The limit for a call's path, `auth.signIn` or a batch `values.current,alerts.open`. */
export function trpcBodyLimit(path: string): number {
  return Math.min(...path.split(',').map(limitOf));
}

/** A limit as people read it: 16 KB, 1 MB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
