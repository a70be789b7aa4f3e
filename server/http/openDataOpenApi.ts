/**
 * The open-data part of the OpenAPI description (server/http/openApi.ts), built from the code it
 * describes: the parameters the request reader accepts, its limits, the formats, the licence,
 * the statuses a value can have and the rate limit.
 */
import type { KpiCatalogue } from '../../kpi-definitions';
import { OPEN_DATA_RATE_LIMIT } from '../appContext';
import { FREQUENCIES } from '../../kpi-definitions/schema';
import { CELL_STATUS_LABELS, DOWNLOAD_COLUMNS, OPEN_DATA_LICENCE, PUBLICATION_RULE, type OpenCellStatus } from '../../shared/openData/texts';
import { MAX_OPEN_CELLS, MAX_OPEN_UNITS } from '../services/openData';
import { CSV_SEPARATORS, OPEN_FORMATS, VALUES_PARAMETERS } from '../services/openDataRequest';
import { OPEN_DATA_CACHE_CONTROL } from './openDataRoute';

type Schema = Record<string, unknown>;
type ValuesParameter = (typeof VALUES_PARAMETERS)[number];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string, headers?: Schema): Schema => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref('OpenDataErrorBody') } },
});

const cacheHeaders: Schema = {
  ETag: { description: 'A strong validator over the exact bytes of the answer; send it back in If-None-Match.', schema: { type: 'string' } },
  'Cache-Control': { description: 'How long public caches may keep the answer.', schema: { type: 'string', const: OPEN_DATA_CACHE_CONTROL } },
};

const ifNoneMatch: Schema = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of an answer you hold: 304 without a body when it is still current.',
  schema: { type: 'string' },
};

function commonResponses(): Record<string, Schema> {
  const { ratePerSecond, burst } = OPEN_DATA_RATE_LIMIT;
  return {
    '304': { description: 'Not modified: the ETag sent in If-None-Match is current.', headers: cacheHeaders },
    '400': errorResponse('A parameter is wrong: `error.field` names it, `error.message` says why (vi, en).'),
    '429': errorResponse(`More than ${ratePerSecond} requests a second (${burst} at once) from this client address.`, {
      'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', minimum: 1 } },
    }),
  };
}

export function openDataPaths(catalogue: KpiCatalogue): Record<string, Schema> {
  const parameters: Record<ValuesParameter, Schema> = {
    kpi: { required: true, description: 'The KPI, by id (GET /api/v1/open/kpis lists them).', schema: { type: 'string', enum: catalogue.all.map((k) => k.id) } },
    unit: {
      description: `Which units: \`VN\` (the nation), \`provinces\` (all 34, the default), \`communes:<province code>\` (a province's communes), or unit codes separated by commas (\`01,79\`). At most ${MAX_OPEN_UNITS} units.`,
      schema: { type: 'string', default: 'provinces', examples: ['provinces', 'VN', '79', '01,79', 'communes:79'] },
    },
    period: { description: "The length of a row's period: the KPI's own frequency (the default), or `monthly` for a daily KPI (its days summed into months, as the dashboard's monthly trend does).", schema: { type: 'string', enum: [...FREQUENCIES] } },
    year: { description: 'All periods of a calendar year (local time). Without year, from and to: the year of the newest published period.', schema: { type: 'string', pattern: '^\\d{4}$', examples: ['2026'] } },
    from: { description: 'The first period, written as the period is: 2026-11-27 (day), 2026-11 (month), 2026-Q4 (quarter). With `to`, instead of `year`.', schema: { type: 'string' } },
    to: { description: `The last period (inclusive). At most ${MAX_OPEN_CELLS.toLocaleString('en-GB')} values (units × periods) per request.`, schema: { type: 'string' } },
    format: { description: 'json (default), csv or xlsx.', schema: { type: 'string', enum: [...OPEN_FORMATS], default: 'json' } },
    separator: {
      description: 'CSV only. `semicolon` (default): ";" between fields and "," as the decimal mark, as Excel reads CSV under Vietnamese regional settings; `comma`: RFC 4180 with a decimal point. Both UTF-8 with a byte-order mark, CRLF line ends.',
      schema: { type: 'string', enum: [...CSV_SEPARATORS], default: 'semicolon' },
    },
    lang: { description: 'The language of the CSV/XLSX headers and status words: vi (default) or en.', schema: { type: 'string', enum: ['vi', 'en'], default: 'vi' } },
  };
  const tag = ['open data'];
  return {
    '/api/v1/open/kpis': {
      get: {
        operationId: 'openKpis',
        tags: tag,
        summary: 'The KPI catalogue: definitions, methods, the newest published period',
        security: [],
        parameters: [ifNoneMatch],
        responses: { '200': { description: 'The catalogue and the licence.', headers: cacheHeaders, content: { 'application/json': { schema: ref('OpenCatalogue') } } }, ...commonResponses() },
      },
    },
    '/api/v1/open/units': {
      get: {
        operationId: 'openUnits',
        tags: tag,
        summary: 'The nation and the 34 provinces, or one province’s communes',
        security: [],
        parameters: [{ name: 'province', in: 'query', required: false, description: 'A province code: its communes instead.', schema: { type: 'string', examples: ['79'] } }, ifNoneMatch],
        responses: { '200': { description: 'The units and the licence.', headers: cacheHeaders, content: { 'application/json': { schema: ref('OpenUnits') } } }, ...commonResponses() },
      },
    },
    '/api/v1/open/values': {
      get: {
        operationId: 'openValues',
        tags: tag,
        summary: 'Published values of one KPI for some units over a range of periods (JSON, CSV, XLSX)',
        description: `${PUBLICATION_RULE.en}\n\nThe values are the dashboard's for the same unit and period (one computation). Licence: ${OPEN_DATA_LICENCE.name.en}. ${OPEN_DATA_LICENCE.attribution.en} Unknown parameters are refused.`,
        security: [],
        parameters: [...Object.entries(parameters).map(([name, p]) => ({ name, in: 'query', required: false, ...p })), ifNoneMatch],
        responses: {
          '200': {
            description: 'The values, unit by unit and period by period.',
            headers: { ...cacheHeaders, 'Content-Disposition': { description: 'CSV and XLSX: attachment with a file name.', schema: { type: 'string' } } },
            content: {
              'application/json': { schema: ref('OpenValuesTable') },
              'text/csv': { schema: { type: 'string', description: `Columns: ${DOWNLOAD_COLUMNS.map((c) => `${c.label.vi} (${c.label.en})`).join('; ')}.` } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary', description: 'A sheet of values and a sheet with the definition, method and licence.' } },
            },
          },
          ...commonResponses(),
        },
      },
    },
  };
}

const bilingual = ref('LocalizedText');
const STATUSES = Object.keys(CELL_STATUS_LABELS) as OpenCellStatus[];

export function openDataSchemas(): Record<string, Schema> {
  return {
    OpenLicence: {
      type: 'object',
      required: ['id', 'url', 'name', 'publisher', 'attribution', 'terms', 'publicationRule'],
      properties: { id: { const: OPEN_DATA_LICENCE.id }, url: { type: 'string', format: 'uri' }, name: bilingual, publisher: bilingual, attribution: bilingual, terms: bilingual, publicationRule: bilingual },
    },
    OpenKpi: {
      type: 'object',
      required: ['id', 'name', 'description', 'method', 'unit', 'frequency', 'periods', 'latestPublishedPeriod', 'publishedThrough'],
      properties: {
        id: { type: 'string' },
        name: bilingual,
        description: bilingual,
        method: { ...bilingual, description: 'How the value is computed and aggregated, from the KPI definition.' },
        family: { type: 'string' },
        unit: { type: 'string' },
        unitName: bilingual,
        decimals: { type: 'integer' },
        direction: { type: 'string', enum: ['higher_is_better', 'lower_is_better'] },
        target: { type: 'object', properties: { value: { type: 'number' }, by: { type: 'string', format: 'date' } } },
        frequency: { type: 'string', enum: [...FREQUENCIES] },
        submittedAt: { type: 'string', enum: ['province', 'commune'] },
        deadlineDaysAfterPeriod: { type: 'integer' },
        periods: { type: 'array', items: { type: 'string', enum: [...FREQUENCIES] } },
        latestPublishedPeriod: { type: ['string', 'null'], description: 'The newest period past its reporting deadline, e.g. 2026-10.' },
        publishedThrough: { type: ['string', 'null'], format: 'date', description: 'Data as of: the local date that period ends on.' },
      },
    },
    OpenCatalogue: { type: 'object', required: ['kpis', 'licence'], properties: { kpis: { type: 'array', items: ref('OpenKpi') }, licence: ref('OpenLicence') } },
    OpenUnit: {
      type: 'object',
      required: ['code', 'name', 'level', 'provinceCode'],
      properties: { code: { type: 'string' }, name: { type: 'string' }, level: { type: 'string', enum: ['nation', 'province', 'commune'] }, provinceCode: { type: ['string', 'null'] } },
    },
    OpenUnits: { type: 'object', required: ['units', 'licence'], properties: { units: { type: 'array', items: ref('OpenUnit') }, licence: ref('OpenLicence') } },
    OpenValueRow: {
      type: 'object',
      required: ['unitCode', 'unitName', 'level', 'period', 'value', 'status'],
      properties: {
        unitCode: { type: 'string' },
        unitName: { type: 'string' },
        level: { type: 'string', enum: ['nation', 'province', 'commune'] },
        period: { type: 'string', examples: ['2026-11-27', '2026-11', '2026-Q4'] },
        value: { type: ['number', 'null'], description: 'Unrounded; null unless status is published.' },
        status: { type: 'string', enum: STATUSES, description: STATUSES.map((s) => `- \`${s}\`: ${CELL_STATUS_LABELS[s].en}`).join('\n') },
      },
    },
    OpenValuesTable: {
      type: 'object',
      required: ['kpi', 'period', 'from', 'to', 'periods', 'units', 'rows', 'licence'],
      properties: {
        kpi: ref('OpenKpi'),
        period: { type: 'string', enum: [...FREQUENCIES] },
        from: { type: 'string' },
        to: { type: 'string' },
        periods: { type: 'array', items: { type: 'string' }, description: 'The published periods within the range; later ones are not out yet.' },
        units: { type: 'array', items: ref('OpenUnit') },
        rows: { type: 'array', items: ref('OpenValueRow') },
        licence: ref('OpenLicence'),
      },
    },
    OpenDataErrorBody: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string', enum: ['BAD_REQUEST', 'RATE_LIMITED', 'INTERNAL'] }, field: { type: 'string', description: 'The parameter at fault (400).' }, message: bilingual },
        },
      },
    },
  };
}
