'use client';
import Link from 'next/link';
import { useLocale } from '../i18n/LocaleProvider';

/** What a page says when its address names nothing (an unknown province, commune or KPI). */
export function NotFound({ title, detail, suggestion }: { title: string; detail: string; suggestion?: { href: string; label: string } }) {
  const { t } = useLocale();
  return (
    <main className="not-found" data-testid="not-found">
      <section className="panel" role="alert" aria-labelledby="not-found-title">
        <h1 id="not-found-title">{title}</h1>
        <p>{detail}</p>
        <p className="not-found-links">
          {suggestion ? (
            <>
              <Link href={suggestion.href}>{suggestion.label}</Link>
              {' · '}
            </>
          ) : null}
          <Link href="/">{t('backToOverview')}</Link>
        </p>
      </section>
    </main>
  );
}
