'use client';
/**
 * `/admin`: user accounts (administrators) and API tokens (administrators, and provincial staff
 * for their own province's systems). The server checks every action; this page only hides what
 * the signed-in user may not do.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { ApiTokensPanel } from './ApiTokensPanel';
import { UsersPanel } from './UsersPanel';

export function AdminPage() {
  const trpc = useTRPC();
  const { t } = useLocale();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.isPending) return <main className="admin-page"><p className="muted">{t('loading')}</p></main>;
  if (!me.data) {
    return (
      <main className="admin-page">
        <h1>{t('adminTitle')}</h1>
        <p>
          {t('adminSignIn')} <Link href={`/signin?next=${encodeURIComponent('/admin')}`}>{t('signIn')}</Link>
        </p>
      </main>
    );
  }
  const role = me.data.role;
  if (role !== 'admin' && role !== 'province_staff') {
    return (
      <main className="admin-page">
        <h1>{t('adminTitle')}</h1>
        <p role="alert">{t('adminDenied')}</p>
      </main>
    );
  }
  return (
    <main className="admin-page" data-testid="admin-page">
      <div>
        <h1>{t('adminTitle')}</h1>
        <p className="muted">{t('adminIntro')}</p>
      </div>
      {role === 'admin' ? <UsersPanel me={me.data.username} /> : null}
      <ApiTokensPanel scopeUnitId={me.data.scopeUnitId} />
    </main>
  );
}
