import type { ReactNode } from 'react';
import { OPEN_DATA_TEXT, type OpenLocale } from '../../shared/openData/texts';

/** A page's title with the other language one plain link away (the pages work without JavaScript). */
export function OpenDataHeader({ title, locale, otherLanguageHref, children }: { title: string; locale: OpenLocale; otherLanguageHref: string; children?: ReactNode }) {
  return (
    <header className="od-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      <a className="od-lang" href={otherLanguageHref} hrefLang={locale === 'vi' ? 'en' : 'vi'} lang={locale === 'vi' ? 'en' : 'vi'}>
        {OPEN_DATA_TEXT.otherLanguage[locale]}
      </a>
    </header>
  );
}
