'use client';
/**
 * Staff pages open only for the roles that may use them. The server refuses the rest anyway; this
 * says so plainly instead of showing a form that cannot be saved.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import type { Role } from '../wireTypes';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../trpc';

export type SignedInUser = NonNullable<RouterOutputs['auth']['me']>;

export const STAFF_ROLES: readonly Role[] = ['commune_staff', 'province_staff', 'admin'];
export const APPROVER_ROLES: readonly Role[] = ['province_staff', 'admin'];

/** Whether a signed-in role (a user's, or `system`) is one of these. */
export function roleIn(roles: readonly Role[], role: string): boolean {
  return (roles as readonly string[]).includes(role);
}

/** `denied` tells a signed-in user of another role who this page is for. */
export function StaffGate({ roles, title, denied, children }: { roles: readonly Role[]; title: string; denied: string; children: (user: SignedInUser) => ReactNode }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const pathname = usePathname();
  const params = useSearchParams();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.isPending) {
    return (
      <main className="staff-page">
        <p className="muted">{t('loading')}</p>
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="staff-page">
        <p role="alert">{t('loadFailed')}</p>
      </main>
    );
  }
  const user = me.data;
  if (!user || !roleIn(roles, user.role)) {
    const query = params.toString();
    const next = query ? `${pathname}?${query}` : pathname;
    return (
      <main className="staff-page" data-testid="staff-gate">
        <h1>{title}</h1>
        <section className="panel staff-notice" role="status">
          {user ? (
            <p>
              {denied}. {t('staffSignedInAs')} <strong>{user.displayName}</strong>.
            </p>
          ) : (
            <>
              <p>{t('staffSignInNeeded')}</p>
              <p>
                <Link href={`/signin?next=${encodeURIComponent(next)}`} className="button-link">
                  {t('signIn')}
                </Link>
              </p>
            </>
          )}
        </section>
      </main>
    );
  }
  return <>{children(user)}</>;
}
