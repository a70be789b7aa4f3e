'use client';
import { useQuery } from '@tanstack/react-query';
import type { OrgKind, OrgUnit } from '../../shared/domain/orgUnitTree';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { useTRPC } from '../trpc';

const KIND_WORDS: Record<OrgKind, MessageKey> = {
  nation: 'nation',
  province: 'kindProvince',
  city: 'kindCity',
  commune: 'kindCommune',
  ward: 'kindWard',
  special_zone: 'kindSpecialZone',
};

/** The page title of an org unit: its name, then what it is, its code, its region and size. */
export function UnitTitle({ unit, childCount, extra }: { unit: OrgUnit; childCount?: number; extra?: string }) {
  const { t, l } = useLocale();
  const trpc = useTRPC();
  const regions = useQuery({ ...trpc.catalogue.regions.queryOptions(), staleTime: Infinity });
  const region = Object.entries(regions.data ?? {}).find(([id]) => id === unit.region)?.[1];
  const facts = [
    t(KIND_WORDS[unit.kind]),
    `${t('code')} ${unit.code}`,
    region ? l(region) : null,
    childCount ? t('communeCount', { n: childCount }) : null,
    extra ?? null,
  ].filter((f): f is string => !!f);
  return (
    <div className="unit-title">
      <h1>{unit.name}</h1>
      <p className="muted">
        {facts.join(' · ')}
        {unit.synthetic ? (
          <>
            {' '}
            <span className="tag" title={t('syntheticNameHint')}>
              {t('syntheticName')}
            </span>
          </>
        ) : null}
      </p>
    </div>
  );
}
