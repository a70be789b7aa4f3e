import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { OpenLocale } from '../../shared/openData/texts';

/** A page's title with the other language one plain link away (the pages work without JavaScript). */
export async function OpenDataHeader({ title, locale, otherLanguageHref, children }: { title: string; locale: OpenLocale; otherLanguageHref: string; children?: ReactNode }) {
  const t = await getTranslations({ locale });
  return (
    <header className="od-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      <a className="od-lang" href={otherLanguageHref} hrefLang={locale === 'vi' ? 'en' : 'vi'} lang={locale === 'vi' ? 'en' : 'vi'}>
        {t('openDataOtherLanguage')}
      </a>
    </header>
  );
}
