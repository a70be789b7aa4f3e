'use client';
/**
 * "Khả năng đạt chỉ tiêu" of one KPI for one unit: the verdict in words (likely ≥ 70 %, at risk,
 * unlikely ≤ 30 %, see shared/forecast/types.ts) and the probability, coloured by the verdict. The
 * scorecard's column and the province page's table both show it.
 */
import type { Attainment, AttainmentVerdict } from '../../shared/forecast/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import './plan.css';

export const ATTAINMENT_WORDS: Record<AttainmentVerdict, MessageKey> = {
  likely: 'planAttainmentLikely',
  at_risk: 'planAttainmentAtRisk',
  unlikely: 'planAttainmentUnlikely',
};

/** A probability (0–1) as the badge writes it: 82 %. */
export function probabilityText(probability: number, locale: 'vi' | 'en'): string {
  return `${formatNumber(probability * 100, 0, locale)}\u00a0%`;
}

export function AttainmentBadge({ attainment }: { attainment: Pick<Attainment, 'probability' | 'verdict'> | undefined }) {
  const { t, locale } = useLocale();
  if (!attainment || attainment.probability === null || attainment.verdict === null) {
    return (
      <span className="attainment attainment-none" data-testid="attainment" data-verdict="none">
        {t('planAttainmentUnknown')}
      </span>
    );
  }
  const words = t(ATTAINMENT_WORDS[attainment.verdict]);
  const p = probabilityText(attainment.probability, locale);
  return (
    <span className={`attainment attainment-${attainment.verdict}`} data-testid="attainment" data-verdict={attainment.verdict} title={`${words} · ${t('planAttainmentProbability', { p: formatNumber(attainment.probability * 100, 0, locale) })}`}>
      <span className="attainment-words">{words}</span> <span className="attainment-p">{p}</span>
    </span>
  );
}
