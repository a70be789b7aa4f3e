'use client';
/**
 * `/submit`: staff enter their unit's figures for a period. The unit, frequency and period live in
 * the address (`?unit=X01001&frequency=monthly&period=2026-10`), so a link opens the same form.
 * Commune staff report for their commune; provincial staff for their province or one of its
 * communes; an administrator picks a province, then a unit in it.
 */
import { useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Frequency } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { formatPeriod, parsePeriod } from '../../shared/domain/parsePeriod';
import { periodStart, periodUnitOf } from '../../shared/domain/periods';
import { useLocale } from '../i18n/LocaleProvider';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { submitParams } from '../navigation/searchParams';
import { useTRPC } from '../trpc';
import { FREQUENCY_ORDER, PeriodPicker } from './PeriodPicker';
import { ReportForm } from './ReportForm';
import { defaultPeriod } from './reportPeriods';
import { StaffGate, STAFF_ROLES, type SignedInUser } from './StaffGate';
import { UnitPicker } from './UnitPicker';

export function SubmitPage() {
  const { t } = useLocale();
  return (
    <StaffGate roles={STAFF_ROLES} title={t('submitTitle')} denied={t('submitDenied')}>
      {(user) => <SubmitWorkspace user={user} />}
    </StaffGate>
  );
}

/** Whether the user may report for the unit (the server checks again on every save). */
function withinScope(scope: OrgUnit, unit: OrgUnit): boolean {
  if (unit.level === 'nation') return false;
  if (scope.level === 'nation') return true;
  if (scope.level === 'province') return unit.provinceId === scope.id;
  return unit.id === scope.id;
}

function SubmitWorkspace({ user }: { user: SignedInUser }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [params, setParams] = useQueryStates(submitParams);
  const catalogue = useKpiCatalogue();
  const [now] = useState(() => new Date());
  const scope = useQuery({ ...trpc.catalogue.orgUnit.queryOptions({ id: user.scopeUnitId }), staleTime: Infinity });
  const scopeUnit = scope.data?.unit;
  const requested = params.unit;
  const code = requested ?? (scopeUnit && scopeUnit.level !== 'nation' ? scopeUnit.code : null);
  const selected = useQuery({ ...trpc.catalogue.orgUnit.queryOptions({ code: code ?? '' }), enabled: !!code, staleTime: Infinity, retry: false });
  const unit = selected.data && scopeUnit && withinScope(scopeUnit, selected.data.unit) ? selected.data.unit : null;

  const frequencies = unit
    ? FREQUENCY_ORDER.filter((f) => catalogue.all.some((k) => k.measure.kind !== 'composite' && k.submittedAt === unit.level && k.frequency === f))
    : [];
  const askedFrequency = params.frequency;
  const frequency: Frequency | null = askedFrequency && frequencies.includes(askedFrequency) ? askedFrequency : frequencies.includes('monthly') ? 'monthly' : (frequencies[0] ?? null);
  const askedPeriod = params.period;
  const asked = frequency && askedPeriod ? parsePeriod(askedPeriod, periodUnitOf(frequency)) : null;
  const period = frequency ? (asked && asked <= periodStart(periodUnitOf(frequency), now) ? asked : defaultPeriod(frequency, now)) : null;

  // Write the defaults into the address, so that it always names the form on screen.
  const wanted = unit && frequency && period ? { unit: unit.code, frequency, period: formatPeriod(periodUnitOf(frequency), period) } : null;
  const [wantedUnit, wantedFrequency, wantedPeriod] = [wanted?.unit, wanted?.frequency, wanted?.period];
  useEffect(() => {
    if (!wantedUnit || !wantedFrequency || !wantedPeriod) return;
    if (params.unit !== wantedUnit || params.frequency !== wantedFrequency || params.period !== wantedPeriod) {
      void setParams({ unit: wantedUnit, frequency: wantedFrequency, period: wantedPeriod });
    }
  }, [wantedUnit, wantedFrequency, wantedPeriod, params, setParams]);

  if (scope.isError) return <main className="staff-page"><p role="alert">{t('loadFailed')}</p></main>;
  if (!scopeUnit || (code && selected.isPending) || !catalogue.ready) {
    return (
      <main className="staff-page">
        <p className="muted">{t('loading')}</p>
      </main>
    );
  }
  const problem = !code
    ? t('submitPickUnit')
    : selected.isError
      ? t('submitUnknownUnit', { code })
      : !unit
        ? t('submitOutOfScope', { code })
        : frequencies.length === 0
          ? t('submitNoKpisAtLevel')
          : null;

  return (
    <main className="staff-page submit-page" data-testid="submit-page">
      {selected.data && unit ? <Breadcrumbs path={selected.data.path} tail={t('submitTitle')} /> : null}
      <h1>{t('submitTitle')}</h1>
      <p className="muted">{t('submitIntro')}</p>
      <section className="panel submit-controls" aria-label={`${t('submitUnit')}, ${t('submitPeriod')}`}>
        <UnitPicker scope={scopeUnit} scopeChildren={scope.data?.children ?? []} unit={unit} onPick={(picked) => void setParams({ unit: picked })} />
        {unit && frequency && period ? (
          <PeriodPicker
            frequencies={frequencies}
            frequency={frequency}
            period={period}
            now={now}
            onChange={(f, p) => void setParams({ frequency: f, period: formatPeriod(periodUnitOf(f), p) })}
          />
        ) : null}
      </section>
      {problem ? (
        <p className="panel staff-notice" role="status">
          {problem}
        </p>
      ) : unit && frequency && period ? (
        <ReportForm key={`${unit.id}-${frequency}-${period.getTime()}`} unit={unit} frequency={frequency} period={period} />
      ) : null}
    </main>
  );
}
