'use client';
import { useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { explainHref } from '../explain/explainHref';
import { useLocale } from '../i18n/LocaleProvider';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useTRPC } from '../trpc';
import { FAMILY_LABELS } from './families';
import { KpiCard } from './KpiCard';
import { useKpiCatalogue } from './useKpiCatalogue';

/**
 * The KPI cards of one org unit grouped by family. A commune shows the KPIs communes submit; a
 * province and the nation show all. A card's change arrow links to why it moved (its children's share).
 */
export function KpiCardGrid({ unit, kpiHref }: { unit: OrgUnit; kpiHref: (kpiId: string) => string }) {
  const trpc = useTRPC();
  const { l, t } = useLocale();
  const catalogue = useKpiCatalogue();
  const kiosk = useKiosk();
  const current = useQuery(trpc.values.current.queryOptions({ orgUnitId: unit.id }));
  if (current.isPending || !catalogue.ready) return <p className="muted">{t('loading')}</p>;
  if (current.isError) return <p role="alert">{t('loadFailed')}</p>;
  const snapshots = new Map(current.data.map((s) => [s.kpiId, s]));
  const visible = catalogue.all.filter((k) => k.measure.kind !== 'composite' && (unit.level !== 'commune' || k.submittedAt === 'commune'));
  return (
    <div className="families">
      {FAMILY_LABELS.map(([family, label]) => {
        const kpis = visible.filter((k) => k.family === family);
        if (kpis.length === 0) return null;
        return (
          <section key={family} className="family" aria-labelledby={`family-${family}`}>
            <h2 id={`family-${family}`}>{l(label)}</h2>
            <div className="card-grid">
              {kpis.map((k) => (
                <KpiCard key={k.id} kpi={k} snapshot={snapshots.get(k.id)} orgUnitId={unit.id} href={kpiHref(k.id)} explainHref={unit.level === 'commune' ? undefined : withKiosk(explainHref(k.id, unit.code), kiosk)} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
