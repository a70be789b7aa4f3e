'use client';
import { useLocale } from '../i18n/LocaleProvider';
import { NotFound } from './NotFound';

/** The 404 page, in the reader's language (Vietnamese unless they chose English). */
export function PageNotFound() {
  const { t } = useLocale();
  return <NotFound title={t('pageNotFound')} detail={t('pageNotFoundDetail')} />;
}
