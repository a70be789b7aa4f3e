/**
 * A view's chart drawn on the server, without a browser: ECharts' server-side SVG renderer
 * (`ssr: true`, `renderToSVGString`), then resvg for the PNG with Be Vietnam Pro loaded from its
 * TTF files (no system fonts, nothing fetched), so Vietnamese diacritics render the same on every
 * machine. The PDF embeds the SVG itself (vector), drawn by pdfmake with the same font.
 */
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { PROVINCE_MAP_NAME } from '../../shared/map/provinceMapOption';
import type { ExportChart } from './exportDocument';
import { EXPORT_FONT_FAMILY, EXPORT_FONT_FILES } from './exportFonts';

echarts.use([LineChart, BarChart, MapChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, VisualMapPiecewiseComponent, SVGRenderer]);

const PROVINCE_SHAPES = new URL('../../shared/map/vietnam-provinces.geo.json', import.meta.url);

/** The province shapes the page's map draws (shared/map/), read from disk once, on the first map. */
function registerProvinceShapes(): void {
  if (echarts.getMap(PROVINCE_MAP_NAME)) return;
  echarts.registerMap(PROVINCE_MAP_NAME, JSON.parse(fs.readFileSync(PROVINCE_SHAPES, 'utf8')) as Parameters<typeof echarts.registerMap>[1]);
}

function drawsProvinceMap(chart: ExportChart): boolean {
  const geo = (chart.option as { geo?: { map?: unknown } }).geo;
  return geo?.map === PROVINCE_MAP_NAME;
}

/** The PNG's pixels per CSS pixel: sharp when pasted into a document or shown on a 2× screen. */
export const PNG_SCALE = 2;

export function renderChartSvg(chart: ExportChart): string {
  if (drawsProvinceMap(chart)) registerProvinceShapes();
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: EXPORT_FONT_FAMILY },
      ...chart.option,
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export function renderChartPng(chart: ExportChart): Buffer {
  const resvg = new Resvg(renderChartSvg(chart), {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
    font: {
      fontFiles: Object.values(EXPORT_FONT_FILES),
      loadSystemFonts: false,
      defaultFontFamily: EXPORT_FONT_FAMILY,
    },
  });
  return Buffer.from(resvg.render().asPng());
}
