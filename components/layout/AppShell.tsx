'use client';
/**
 * The frame around every page: header with navigation, connection state, alerts, language and
 * the signed-in user; in control-room mode (`?kiosk`) a dark full-screen frame with a clock and
 * the playlist rotation instead.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { badgeCount, isQuietPath } from '../alerts/alertScope';
import { AlertList } from '../alerts/AlertList';
import { useLocale } from '../i18n/LocaleProvider';
import { useLiveRooms } from '../live/LiveProvider';
import { APPROVER_ROLES, roleIn, STAFF_ROLES } from '../submit/StaffGate';
import { useTRPC } from '../trpc';
import { Clock } from './Clock';
import { ConnectionStatus } from './ConnectionStatus';
import { NewAlertsCounter, Toasts } from './Toasts';
import { nextKioskStep } from './kioskScroll';
import { useKiosk, withKiosk } from './useKiosk';

export function AppShell({ children }: { children: ReactNode }) {
  const kiosk = useKiosk();
  useEffect(() => {
    document.body.classList.toggle('kiosk', kiosk.on);
  }, [kiosk.on]);
  // Alerts reach every page, whatever it shows; the numbers come with the rooms of the views.
  useLiveRooms(['alerts']);
  return (
    <>
      {kiosk.on ? <KioskBar /> : <Header />}
      {kiosk.on ? <KioskRotator /> : null}
      <Toasts />
      {children}
    </>
  );
}

function Header() {
  const { t, locale, setLocale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const me = useQuery(trpc.auth.me.queryOptions());
  const openAlerts = useQuery(trpc.alerts.list.queryOptions({ state: 'open', pageSize: 1 }));
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const [showAlerts, setShowAlerts] = useState(false);
  const alertsRef = useRef<HTMLDivElement>(null);
  // The popover closes on Esc and on a click anywhere outside it (or its button).
  useEffect(() => {
    if (!showAlerts) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setShowAlerts(false);
    };
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && !alertsRef.current?.contains(e.target)) setShowAlerts(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [showAlerts]);
  // Each page starts with the popover closed.
  useEffect(() => setShowAlerts(false), [pathname]);
  const nav = [
    { href: me.data?.home ?? '/', label: t('navOverview') },
    { href: '/scorecard', label: t('navScorecard') },
    { href: '/kpi/service_index', label: t('navKpis') },
    { href: '/plan', label: t('planNav') },
    { href: '/du-lieu-mo', label: t('navOpenData') },
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
        {isQuietPath(pathname) ? <NewAlertsCounter /> : null}
        <div className="alerts-anchor" ref={alertsRef}>
          <button type="button" className="bell" aria-expanded={showAlerts} onClick={() => setShowAlerts((v) => !v)} data-testid="alerts-button">
            {t('alerts')} <span className="count">{badgeCount(openAlerts.data?.total ?? 0)}</span>
          </button>
          {showAlerts ? (
            <section className="alerts-drawer" aria-label={t('alerts')} data-testid="alerts-popover">
              <h2>{t('alerts')}</h2>
              <AlertList />
              <p>
                <Link href="/alerts">{t('alertsSeeAll')} ›</Link>
              </p>
            </section>
          ) : null}
        </div>
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
      <NewAlertsCounter />
      <ConnectionStatus />
    </header>
  );
}

/**
 * Every `interval` seconds: a view taller than the screen scrolls on by a screen, and once it
 * has shown its end the next view of the playlist comes. The timer depends only on the view and
 * the playlist, not on renders: live frames re-render the page every few seconds.
 */
function KioskRotator() {
  const kiosk = useKiosk();
  const router = useRouter();
  const pathname = usePathname();
  const playlistKey = kiosk.playlist.join('|');
  const intervalS = kiosk.intervalS;
  const kioskQuery = kiosk.query;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      if (nextKioskStep(document) === 'scrolled') {
        timer = setTimeout(step, intervalS * 1000);
        return;
      }
      const playlist = playlistKey.split('|');
      const next = playlist[(playlist.indexOf(pathname) + 1) % playlist.length]!;
      router.push(withKiosk(next, { on: true, query: kioskQuery }));
    };
    timer = setTimeout(step, intervalS * 1000);
    return () => clearTimeout(timer);
  }, [pathname, playlistKey, intervalS, kioskQuery, router]);
  return (
    <p className="kiosk-next" data-testid="kiosk-playlist" data-playlist={playlistKey}>
      ⟳ {intervalS}s
    </p>
  );
}
