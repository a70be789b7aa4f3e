'use client';
/**
 * The 34 provincial units coloured by a KPI's bands, Hoàng Sa and Trường Sa shown and labelled
 * with the provinces they belong to. Shapes are shipped (vietnam-provinces.geo.json), never fetched.
 */
import { useMemo } from 'react';
import { BAND_LABELS } from '../../kpi-definitions/bands';
import type { BandId, KpiDefinition } from '../../kpi-definitions/schema';
import { EChart } from '../charts/EChart';
import type { echarts as Echarts } from '../charts/echarts';
import { useChartTheme } from '../charts/useChartTheme';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';
import { islandLabelStyle } from './islandLabelStyle';
import { ISLAND_LABELS } from './islandLabels';

const MAP_NAME = 'vn-34';
/**
 * The shapes (125 KB) load with ECharts, only where a map is drawn, and are registered once.
 * They are never fetched from elsewhere: the file is part of the build.
 */
async function registerProvinceShapes(echarts: typeof Echarts): Promise<void> {
  if (echarts.getMap(MAP_NAME)) return;
  const { default: geoJson } = await import('./vietnam-provinces.geo.json');
  echarts.registerMap(MAP_NAME, geoJson as unknown as Parameters<typeof Echarts.registerMap>[1]);
}

export const BAND_COLOR: Record<BandId, string> = { good: '#1a7f37', fair: '#6bb13c', average: '#e0b000', weak: '#e07b12', poor: '#c62828' };

export interface ProvinceValue {
  code: string;
  name: string;
  value: number | null;
  band: BandId | null;
}

/** visualMap pieces from the KPI's bands, so the legend is the band list. */
function bandPieces(kpi: KpiDefinition, l: (t: { vi: string; en: string }) => string) {
  const higher = kpi.direction === 'higher_is_better';
  return kpi.bands.map((band, i) => {
    const better = i === 0 ? null : kpi.bands[i - 1]!.bound;
    const piece: { label: string; color: string; min?: number; max?: number } = { label: l(BAND_LABELS[band.id]), color: BAND_COLOR[band.id] };
    if (higher) {
      if (band.bound !== null) piece.min = band.bound;
      if (better !== null) piece.max = better;
    } else {
      if (band.bound !== null) piece.max = band.bound;
      if (better !== null) piece.min = better;
    }
    return piece;
  });
}

export function ProvinceMap({ kpi, values, onSelect, height = 640 }: { kpi: KpiDefinition; values: readonly ProvinceValue[]; onSelect?: (code: string) => void; height?: number | string }) {
  const { l, locale, t } = useLocale();
  // Canvas text cannot inherit CSS colours: the legend and island labels follow the page theme.
  const theme = useChartTheme();
  const option = useMemo(() => {
    const byCode = new Map(values.map((v) => [v.code, v]));
    const islandFont = Math.max(11, theme.fontSize - 1);
    return {
      // A province without data keeps the neutral grey, not the first colour of the palette.
      color: ['#c9d1da'],
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; seriesType: string }) => {
          const v = byCode.get(p.name);
          if (p.seriesType === 'scatter') return p.name;
          return v ? `<b>${v.name}</b><br/>${formatKpiValue(kpi, v.value, locale)}${v.band ? ` · ${l(BAND_LABELS[v.band])}` : ''}` : p.name;
        },
      },
      visualMap: {
        type: 'piecewise',
        pieces: bandPieces(kpi, l),
        seriesIndex: 0,
        left: 8,
        bottom: 8,
        textStyle: { color: theme.text, fontSize: theme.fontSize },
      },
      geo: {
        map: MAP_NAME,
        nameProperty: 'code',
        roam: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '100%',
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: '#c9d1da' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#3b6ea8' } },
        select: { disabled: true },
      },
      series: [
        {
          type: 'map',
          geoIndex: 0,
          data: values.filter((v) => v.value !== null).map((v) => ({ name: v.code, value: v.value })),
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 4,
          itemStyle: { color: theme.text },
          data: ISLAND_LABELS.map((i) => ({ name: locale === 'vi' ? i.name : i.nameEn, value: i.coord, label: islandLabelStyle(i.provinceCode, islandFont, theme.text) })),
          silent: false,
        },
      ],
    };
  }, [values, kpi, l, locale, theme]);
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
}
