import { OPEN_DATA_TEXT, type OpenLocale } from '../../shared/openData/texts';
import type { OpenLicence } from '../../shared/openData/types';

/** Who publishes, under which licence, and how to credit them. */
export function LicenceNote({ licence, locale }: { licence: OpenLicence; locale: OpenLocale }) {
  return (
    <section className="panel od-section" aria-labelledby="od-licence">
      <h2 id="od-licence">{OPEN_DATA_TEXT.licence[locale]}</h2>
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
