'use client';
/**
 * The 34 provincial units coloured by a KPI's bands, Hoàng Sa and Trường Sa shown and labelled
 * with the provinces they belong to. Shapes are shipped (vietnam-provinces.geo.json), never fetched.
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { BAND_LABELS } from '../../kpi-definitions/bands';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { PROVINCE_MAP_NAME, provinceMapOption, type ProvinceValue } from '../../shared/map/provinceMapOption';
import { ISLAND_LABELS } from '../../shared/map/islandLabels';
import { EChart } from '../charts/EChart';
import type { echarts as Echarts } from '../charts/echarts';
import { useChartTheme } from '../charts/useChartTheme';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';

export { BAND_COLOR, type ProvinceValue } from '../../shared/map/provinceMapOption';

/**
 * The shapes (125 KB) load with ECharts, only where a map is drawn, and are registered once.
 * They are never fetched from elsewhere: the file is part of the build.
 */
async function registerProvinceShapes(echarts: typeof Echarts): Promise<void> {
  if (echarts.getMap(PROVINCE_MAP_NAME)) return;
  const { default: geoJson } = await import('../../shared/map/vietnam-provinces.geo.json');
  echarts.registerMap(PROVINCE_MAP_NAME, geoJson as unknown as Parameters<typeof Echarts.registerMap>[1]);
}

/** Drawn again only when its props change: the overview renders on every frame of its unit. */
export const ProvinceMap = memo(function ProvinceMap({ kpi, values, onSelect, height = 640 }: { kpi: KpiDefinition; values: readonly ProvinceValue[]; onSelect?: (code: string) => void; height?: number | string }) {
  const { l, locale, t } = useLocale();
  // Canvas text cannot inherit CSS colours: the legend and island labels follow the page theme.
  const theme = useChartTheme();
  // The tooltip reads the newest values; the chart is given an option again only when a colour
  // changes (a band, a province with or without data): a live update that moves a number within its
  // band leaves the canvas alone (a redraw of the map is most of an update's main-thread time).
  const latest = useRef(values);
  useLayoutEffect(() => {
    latest.current = values;
  });
  const colours = `${kpi.id} ${values.map((v) => `${v.code}:${v.band ?? (v.value === null ? '-' : '?')}`).join(' ')}`;
  // `colours` stands for the values: what the canvas shows of them
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const drawn = useMemo(() => values, [colours]);
  const option = useMemo(() => {
    const base = provinceMapOption({ kpi, values: drawn, locale, theme });
    return {
      ...base,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; seriesType: string }) => {
          const v = latest.current.find((x) => x.code === p.name);
          if (p.seriesType === 'scatter') return p.name;
          return v ? `<b>${v.name}</b><br/>${formatKpiValue(kpi, v.value, locale)}${v.band ? ` · ${l(BAND_LABELS[v.band])}` : ''}` : p.name;
        },
      },
      geo: { ...base.geo, roam: true },
    };
  }, [drawn, kpi, l, locale, theme]);
  return (
    <figure className="map-figure">
      <EChart
        option={option}
        height={height}
        ariaLabel={`${t('mapTitle')}: ${l(kpi.name)}`}
        testId="province-map"
        prepare={registerProvinceShapes}
        onClick={(p) => {
          if (p.seriesType === 'map' && p.name) onSelect?.(p.name);
          if (p.seriesType === 'scatter') {
            const island = ISLAND_LABELS.find((i) => i.name === p.name || i.nameEn === p.name);
            if (island) onSelect?.(island.provinceCode);
          }
        }}
      />
      <figcaption className="small muted">{t('mapAttribution')}</figcaption>
      {/* The same data as words, for screen readers and for anyone who cannot tell the colours apart.
          The wrapper hides it: a table ignores the 1px box of .sr-only and would lengthen the page. */}
      <div className="sr-only">
        <table data-testid="map-values">
          <caption>{`${t('mapTitle')}: ${l(kpi.name)}`}</caption>
          <tbody>
            {values.map((v) => (
              <tr key={v.code} data-testid={`map-row-${v.code}`} data-band={v.band ?? 'none'}>
                <th scope="row">{v.name}</th>
                <td>{formatKpiValue(kpi, v.value, locale)}</td>
                <td>{v.band ? l(BAND_LABELS[v.band]) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});
