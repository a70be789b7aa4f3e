import { getTranslations } from 'next-intl/server';
import type { OpenLocale } from '../../shared/openData/texts';
import type { OpenLicence } from '../../shared/openData/types';

/** Who publishes, under which licence, and how to credit them. */
export async function LicenceNote({ licence, locale }: { licence: OpenLicence; locale: OpenLocale }) {
  const t = await getTranslations({ locale });
  return (
    <section className="panel od-section" aria-labelledby="od-licence">
      <h2 id="od-licence">{t('openDataLicence')}</h2>
      <p>
        <a href={licence.url} rel="license">
          {licence.name[locale]}
        </a>
        {' — '}
        {licence.publisher[locale]}
      </p>
      <p>
        <strong>{licence.attribution[locale]}</strong>
      </p>
      <p className="muted">{licence.terms[locale]}</p>
    </section>
  );
}
