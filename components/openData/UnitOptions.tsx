import { OPEN_DATA_TEXT, fillText, type OpenLocale } from '../../shared/openData/texts';
import type { OpenUnit } from '../../shared/openData/types';

/** The unit choices of an open-data form, as the API's `unit` parameter writes them. */
export function UnitOptions({ provinces, locale }: { provinces: OpenUnit[]; locale: OpenLocale }) {
  const T = OPEN_DATA_TEXT;
  return (
    <>
      <option value="provinces">{T.unitsProvinces[locale]}</option>
      <option value="VN">{T.unitsNation[locale]}</option>
      <optgroup label={T.unitsProvince[locale]}>
        {provinces.map((p) => (
          <option key={p.code} value={p.code}>
            {p.code} · {p.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={fillText(T.unitsCommunesOf[locale], { name: '…' })}>
        {provinces.map((p) => (
          <option key={p.code} value={`communes:${p.code}`}>
            {fillText(T.unitsCommunesOf[locale], { name: p.name })}
          </option>
        ))}
      </optgroup>
    </>
  );
}
