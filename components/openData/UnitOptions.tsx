import { getTranslations } from 'next-intl/server';
import type { OpenLocale } from '../../shared/openData/texts';
import type { OpenUnit } from '../../shared/openData/types';

/** The unit choices of an open-data form, as the API's `unit` parameter writes them. */
export async function UnitOptions({ provinces, locale }: { provinces: OpenUnit[]; locale: OpenLocale }) {
  const t = await getTranslations({ locale });
  return (
    <>
      <option value="provinces">{t('openDataUnitsProvinces')}</option>
      <option value="VN">{t('openDataUnitsNation')}</option>
      <optgroup label={t('openDataUnitsProvince')}>
        {provinces.map((p) => (
          <option key={p.code} value={p.code}>
            {p.code} · {p.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('openDataUnitsCommunesOf', { name: '…' })}>
        {provinces.map((p) => (
          <option key={p.code} value={`communes:${p.code}`}>
            {t('openDataUnitsCommunesOf', { name: p.name })}
          </option>
        ))}
      </optgroup>
    </>
  );
}
