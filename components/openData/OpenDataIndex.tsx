/**
 * /du-lieu-mo: the open-data catalogue for the public. A server component with plain links and a
 * GET form straight to the download, so it works without JavaScript.
 */
import { FAMILY_LABELS } from '../kpi/families';
import { getTranslations } from 'next-intl/server';
import { FREQUENCY_LABELS, PUBLICATION_RULE, type OpenLocale } from '../../shared/openData/texts';
import type { OpenKpi, OpenLicence, OpenUnit } from '../../shared/openData/types';
import { LicenceNote } from './LicenceNote';
import { OpenDataHeader } from './OpenDataHeader';
import { OPEN_DATA_PATH, OPEN_VALUES_API, withQuery } from './openDataLinks';
import { UnitOptions } from './UnitOptions';

export interface OpenDataIndexProps {
  locale: OpenLocale;
  kpis: OpenKpi[];
  provinces: OpenUnit[];
  years: number[];
  licence: OpenLicence;
}

/** The headline of the real-time service index: the KPI a citizen most likely looks for. */
const DEFAULT_KPI = 'dossiers_on_time';

export async function OpenDataIndex({ locale, kpis, provinces, years, licence }: OpenDataIndexProps) {
  const t = await getTranslations({ locale });
  const families = [...FAMILY_LABELS.map(([f]) => f), 'composite' as const].filter((f, i, all) => all.indexOf(f) === i);
  const familyName = (f: string) => FAMILY_LABELS.find(([id]) => id === f)?.[1][locale] ?? (locale === 'vi' ? 'Chỉ số tổng hợp' : 'Composite');
  return (
    <main className="od-page" lang={locale}>
      <OpenDataHeader title={t('openDataTitle')} locale={locale} otherLanguageHref={withQuery(OPEN_DATA_PATH, {}, locale === 'vi' ? 'en' : 'vi')}>
        <p className="od-intro">{t('openDataIntro')}</p>
      </OpenDataHeader>

      <section className="panel od-section" aria-labelledby="od-quick">
        <h2 id="od-quick">{t('openDataQuickDownload')}</h2>
        <form className="od-form" method="get" action={OPEN_VALUES_API} data-testid="quick-download">
          <label>
            <span>{t('openDataKpi')}</span>
            <select name="kpi" defaultValue={kpis.some((k) => k.id === DEFAULT_KPI) ? DEFAULT_KPI : kpis[0]?.id}>
              {kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name[locale]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('openDataUnits')}</span>
            <select name="unit" defaultValue="provinces">
              <UnitOptions provinces={provinces} locale={locale} />
            </select>
          </label>
          <label>
            <span>{t('openDataYear')}</span>
            <select name="year" defaultValue={String(years[0])}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('openDataFormat')}</span>
            <select name="format" defaultValue="csv">
              <option value="csv">{t('openDataFormatCsv')}</option>
              <option value="xlsx">{t('openDataFormatXlsx')}</option>
              <option value="json">{t('openDataFormatJson')}</option>
            </select>
          </label>
          {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <button type="submit" className="od-primary">
            {t('openDataDownload')}
          </button>
        </form>
      </section>

      <section className="panel od-section" aria-labelledby="od-rule">
        <h2 id="od-rule">{t('openDataPublication')}</h2>
        <p>{PUBLICATION_RULE[locale]}</p>
      </section>

      <section className="od-section" aria-labelledby="od-catalogue">
        <h2 id="od-catalogue">{t('openDataCatalogue')}</h2>
        {families.map((family) => {
          const inFamily = kpis.filter((k) => k.family === family);
          if (inFamily.length === 0) return null;
          return (
            <div key={family} className="od-family">
              <h3>{familyName(family)}</h3>
              <ul className="od-kpi-list">
                {inFamily.map((k) => (
                  <li key={k.id} className="panel">
                    <a href={withQuery(`${OPEN_DATA_PATH}/${k.id}`, {}, locale)} className="od-kpi-name">
                      {k.name[locale]}
                    </a>
                    <p className="small">{k.description[locale]}</p>
                    <p className="small muted">
                      {FREQUENCY_LABELS[k.frequency][locale]} · {k.unitName[locale]} ·{' '}
                      {k.publishedThrough ? t('openDataDataAsOf', { date: dateLabel(k.publishedThrough, locale) }) : t('openDataNoPublished')}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      <section className="panel od-section" aria-labelledby="od-api">
        <h2 id="od-api">{t('openDataApi')}</h2>
        <p>
          {t('openDataApiIntro')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
        </p>
        <p className="small">
          <code>{`GET ${OPEN_VALUES_API}?kpi=${DEFAULT_KPI}&unit=provinces&year=${years[0]}&format=csv`}</code>
        </p>
      </section>

      <LicenceNote licence={licence} locale={locale} />
    </main>
  );
}

/** 2026-10-31 → 31/10/2026 (vi) or 31 Oct 2026 (en). */
export function dateLabel(isoDate: string, locale: OpenLocale): string {
  const [y, m, d] = isoDate.split('-');
  if (locale === 'vi') return `${d}/${m}/${y}`;
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
