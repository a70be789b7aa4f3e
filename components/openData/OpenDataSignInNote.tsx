'use client';
import { useLocale } from '../i18n/LocaleProvider';
import { OPEN_DATA_PATH } from './openDataLinks';

/** On the sign-in page: the public does not need an account to read the published data. */
export function OpenDataSignInNote() {
  const { t } = useLocale();
  return (
    <p className="signin-open-data">
      {t('signInOpenData')} <a href={OPEN_DATA_PATH}>{t('navOpenData')} ›</a>
    </p>
  );
}
