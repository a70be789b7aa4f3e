/**
 * The province map's ECharts option, for the page (components/map/ProvinceMap.tsx, which adds the
 * tooltip and zoom) and for the overview's export (server/export/, drawn on the server): the 34
 * provincial units coloured by the KPI's bands, Hoàng Sa and Trường Sa labelled with the provinces
 * they belong to. The shapes (vietnam-provinces.geo.json, beside this file) are registered under
 * PROVINCE_MAP_NAME by whoever draws it: the browser loads them with ECharts, the server reads
 * them from disk.
 */
import { BAND_LABELS } from '../../kpi-definitions/bands';
import type { BandId, KpiDefinition } from '../../kpi-definitions/schema';
import { islandLabelStyle } from './islandLabelStyle';
import { ISLAND_LABELS } from './islandLabels';

export const PROVINCE_MAP_NAME = 'vn-34';

export const BAND_COLOR: Record<BandId, string> = { good: '#1a7f37', fair: '#6bb13c', average: '#e0b000', weak: '#e07b12', poor: '#c62828' };
/** a province without data */
const NO_DATA_COLOR = '#c9d1da';

export interface ProvinceValue {
  code: string;
  name: string;
  value: number | null;
  band: BandId | null;
}

type Locale = 'vi' | 'en';

/** visualMap pieces from the KPI's bands, so the legend is the band list. */
function bandPieces(kpi: KpiDefinition, locale: Locale) {
  const higher = kpi.direction === 'higher_is_better';
  return kpi.bands.map((band, i) => {
    const better = i === 0 ? null : kpi.bands[i - 1]!.bound;
    const piece: { label: string; color: string; min?: number; max?: number } = { label: BAND_LABELS[band.id][locale], color: BAND_COLOR[band.id] };
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

export function provinceMapOption(p: {
  kpi: KpiDefinition;
  values: readonly ProvinceValue[];
  locale: Locale;
  /** text colour and size (px) of the legend and the island labels */
  theme: { text: string; fontSize: number };
}) {
  const islandFont = Math.max(11, p.theme.fontSize - 1);
  return {
    // A province without data keeps the neutral grey, not the first colour of the palette.
    color: [NO_DATA_COLOR],
    visualMap: {
      type: 'piecewise',
      pieces: bandPieces(p.kpi, p.locale),
      seriesIndex: 0,
      left: 8,
      bottom: 8,
      textStyle: { color: p.theme.text, fontSize: p.theme.fontSize },
    },
    geo: {
      map: PROVINCE_MAP_NAME,
      nameProperty: 'code',
      layoutCenter: ['50%', '50%'],
      layoutSize: '100%',
      itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NO_DATA_COLOR },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#3b6ea8' } },
      select: { disabled: true },
    },
    series: [
      {
        type: 'map',
        geoIndex: 0,
        data: p.values.filter((v) => v.value !== null).map((v) => ({ name: v.code, value: v.value })),
      },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 4,
        itemStyle: { color: p.theme.text },
        data: ISLAND_LABELS.map((i) => ({ name: p.locale === 'vi' ? i.name : i.nameEn, value: i.coord, label: islandLabelStyle(i.provinceCode, islandFont, p.theme.text) })),
        silent: false,
      },
    ],
  };
}
