'use client';
import { BAND_LABELS } from '../../kpi-definitions/bands';
import type { BandId } from '../../kpi-definitions/schema';
import { useLocale } from '../i18n/LocaleProvider';

export function BandBadge({ band }: { band: BandId | null }) {
  const { l } = useLocale();
  if (!band) return <span className="band band-none">—</span>;
  return <span className={`band band-${band}`}>{l(BAND_LABELS[band])}</span>;
}
