'use client';
/**
 * The frame around every page: header with navigation, connection state, alerts, language and
 * the signed-in user; in control-room mode (`?kiosk`) a dark full-screen frame with a clock and
 * the playlist rotation instead.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { AlertList } from '../alerts/AlertList';
import { useLocale } from '../i18n/LocaleProvider';
import { useLiveRooms } from '../live/LiveProvider';
import { APPROVER_ROLES, roleIn, STAFF_ROLES } from '../submit/StaffGate';
import { useTRPC } from '../trpc';
import { Clock } from './Clock';
import { ConnectionStatus } from './ConnectionStatus';
import { Toasts } from './Toasts';
import { useKiosk, withKiosk } from './useKiosk';

export function AppShell({ children }: { children: ReactNode }) {
  const kiosk = useKiosk();
  useEffect(() => {
    document.body.classList.toggle('kiosk', kiosk.on);
  }, [kiosk.on]);
  // Alerts reach every page, whatever it shows.
  useLiveRooms(['nation']);
  return (
    <>
      {kiosk.on ? <KioskBar /> : <Header />}
      {kiosk.on ? <KioskRotator /> : null}
      {children}
      <Toasts />
    </>
  );
}

function Header() {
  const { t, locale, setLocale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const me = useQuery(trpc.auth.me.queryOptions());
  const alerts = useQuery(trpc.alerts.open.queryOptions({ limit: 50 }));
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const [showAlerts, setShowAlerts] = useState(false);
  const nav = [
    { href: '/', label: t('navOverview') },
    { href: '/scorecard', label: t('navScorecard') },
    { href: '/kpi/service_index', label: t('navKpis') },
    // Staff pages, for the roles that use them (the server checks again).
    ...(me.data && roleIn(STAFF_ROLES, me.data.role) ? [{ href: '/submit', label: t('navSubmit') }] : []),
    ...(me.data && roleIn(STAFF_ROLES, me.data.role) ? [{ href: '/import', label: t('navImport') }] : []),
    ...(me.data && roleIn(APPROVER_ROLES, me.data.role) ? [{ href: '/approvals', label: t('navApprovals') }] : []),
    ...(me.data ? [{ href: '/completeness', label: t('navCompleteness') }] : []),
    ...(me.data?.role === 'admin' ? [{ href: '/admin', label: t('navAdmin') }] : []),
  ];
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ★
        </span>
        <span>
          <strong>{t('appName')}</strong> <span className="brand-tag">{t('appTagline')}</span>
        </span>
      </Link>
      <nav aria-label="Điều hướng chính">
        {nav.map((n) => (
          <Link key={n.href} href={n.href} aria-current={pathname === n.href ? 'page' : undefined}>
            {n.label}
          </Link>
        ))}
      </nav>
      <div className="topbar-right">
        <ConnectionStatus />
        <button type="button" className="bell" aria-expanded={showAlerts} onClick={() => setShowAlerts((v) => !v)} data-testid="alerts-button">
          {t('alerts')} <span className="count">{alerts.data?.length ?? 0}</span>
        </button>
        <button type="button" onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')} aria-label={t('languageLabel')} data-testid="language-toggle">
          {t('language')}
        </button>
        <Link href={`${pathname}?kiosk`} className="kiosk-link">
          {t('kiosk')}
        </Link>
        {me.data ? (
          <span className="user">
            {me.data.displayName}{' '}
            <button type="button" onClick={() => signOut.mutate()}>
              {t('signOut')}
            </button>
          </span>
        ) : (
          <Link href={`/signin?next=${encodeURIComponent(pathname)}`}>{t('signIn')}</Link>
        )}
      </div>
      {showAlerts ? (
        <section className="alerts-drawer" aria-label={t('alerts')}>
          <h2>{t('alerts')}</h2>
          <AlertList />
        </section>
      ) : null}
    </header>
  );
}

function KioskBar() {
  const { t } = useLocale();
  return (
    <header className="kiosk-bar">
      <span className="brand">
        <strong>{t('appName')}</strong> · {t('appTagline')}
      </span>
      <Clock />
      <ConnectionStatus />
    </header>
  );
}

/** Moves to the next view of the playlist every `interval` seconds. */
function KioskRotator() {
  const kiosk = useKiosk();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const timer = setTimeout(() => {
      const i = kiosk.playlist.indexOf(pathname);
      const next = kiosk.playlist[(i + 1) % kiosk.playlist.length]!;
      router.push(withKiosk(next, kiosk, new URLSearchParams(params.toString())));
    }, kiosk.intervalS * 1000);
    return () => clearTimeout(timer);
  }, [kiosk, pathname, params, router]);
  return (
    <p className="kiosk-next" data-testid="kiosk-playlist" data-playlist={kiosk.playlist.join('|')}>
      ⟳ {kiosk.intervalS}s
    </p>
  );
}
