'use client';
/**
 * Which unit the form is for, within the user's scope: a commune officer's own commune (fixed), a
 * provincial officer's province or one of its communes (a select narrowed by a search box, since
 * a province has up to a few hundred communes), an administrator's province first, then the unit.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { foldText } from './foldText';

export function UnitPicker({ scope, scopeChildren, unit, onPick }: { scope: OrgUnit; scopeChildren: readonly OrgUnit[]; unit: OrgUnit | null; onPick: (code: string) => void }) {
  const { t } = useLocale();
  if (scope.level === 'commune') {
    return (
      <div className="picker-field">
        <span className="picker-label">{t('submitUnit')}</span>
        <strong data-testid="fixed-unit">
          {scope.name} ({scope.code})
        </strong>
      </div>
    );
  }
  if (scope.level === 'province') return <UnitInProvince province={scope} communes={scopeChildren} unit={unit} onPick={onPick} />;
  return <ProvinceThenUnit provinces={scopeChildren} unit={unit} onPick={onPick} />;
}

function ProvinceThenUnit({ provinces, unit, onPick }: { provinces: readonly OrgUnit[]; unit: OrgUnit | null; onPick: (code: string) => void }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const provinceId = unit?.provinceId ?? null;
  const province = useQuery({ ...trpc.catalogue.orgUnit.queryOptions({ id: provinceId ?? 0 }), enabled: provinceId !== null, staleTime: Infinity });
  const current = provinces.find((p) => p.id === provinceId);
  return (
    <>
      <div className="picker-field">
        <label htmlFor={id} className="picker-label">
          {t('province')}
        </label>
        <select id={id} value={current?.code ?? ''} onChange={(e) => e.target.value && onPick(e.target.value)} data-testid="province-select">
          <option value="">{t('submitChooseProvince')}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </div>
      {current && province.data ? <UnitInProvince province={current} communes={province.data.children} unit={unit} onPick={onPick} /> : null}
    </>
  );
}

function UnitInProvince({ province, communes, unit, onPick }: { province: OrgUnit; communes: readonly OrgUnit[]; unit: OrgUnit | null; onPick: (code: string) => void }) {
  const { t } = useLocale();
  const searchId = useId();
  const selectId = useId();
  const countId = useId();
  const [query, setQuery] = useState('');
  const active = communes.filter((c) => c.active);
  const q = foldText(query.trim());
  const matches = q ? active.filter((c) => foldText(c.name).includes(q) || c.code.toLowerCase().includes(q)) : active;
  // The selected unit stays listed whatever the search, so that the select shows it.
  const shown = unit && unit.level === 'commune' && !matches.some((c) => c.id === unit.id) ? [unit, ...matches] : matches;
  return (
    <>
      <div className="picker-field">
        <label htmlFor={searchId} className="picker-label">
          {t('submitFindCommune')}
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter picks the only match: search, Enter, done.
            if (e.key === 'Enter' && matches.length === 1) onPick(matches[0]!.code);
          }}
          aria-controls={selectId}
          aria-describedby={countId}
          autoComplete="off"
          data-testid="commune-search"
        />
        <span id={countId} className="muted small" aria-live="polite">
          {t('submitMatches', { n: matches.length, total: active.length })}
        </span>
      </div>
      <div className="picker-field">
        <label htmlFor={selectId} className="picker-label">
          {t('submitUnit')}
        </label>
        <select id={selectId} value={unit?.code ?? province.code} onChange={(e) => onPick(e.target.value)} data-testid="unit-select">
          <option value={province.code}>
            {province.name} ({t('submitProvinceLevel')})
          </option>
          <optgroup label={t('commune')}>
            {shown.map((c) => (
              <option key={c.id} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </optgroup>
        </select>
      </div>
    </>
  );
}
