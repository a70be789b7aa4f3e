/**
 * GET /api/v1/openapi.json — an OpenAPI 3.1 description of the plain HTTP API, built from the
 * code it describes: the measurement fields (MEASUREMENT_FIELDS), the KPI catalogue (which KPI
 * takes which inputs), the row error codes, the batch and body limits, the rate limit and the
 * commune CSV columns. A new field or error code does not compile until it is described here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KpiCatalogue } from '../../kpi-definitions';
import { MEASUREMENTS_RATE_LIMIT, type AppContext } from '../appContext';
import type { DbMode } from '../db/db';
import { inputSpecs, INPUT_LABELS } from '../../shared/domain/validateKpiInputs';
import { MEASUREMENT_FIELDS, type MeasurementField, type MeasurementProblemCode } from '../../shared/domain/validateMeasurementBatch';
import { APP_ERROR_CODES } from '../../shared/errors';
import { HEADER as COMMUNE_CSV_HEADER, KINDS as COMMUNE_KINDS, MAX_SILENT_DEACTIVATION_SHARE } from '../services/importCommunes';
import { MAX_BATCH_ROWS } from '../services/ingestMeasurements';
import { BODY_LIMIT_BYTES } from './measurementsRoute';
import { COMMUNE_CSV_LIMIT_BYTES } from './orgUnitsRoute';
import { sendJson } from './respond';
import { openDataPaths, openDataSchemas } from './openDataOpenApi';

type Schema = Record<string, unknown>;

/** What each measurement field holds; a Record so that a new field must be described. */
const FIELD_DESCRIPTIONS: Record<MeasurementField, { schema: Schema; description: string }> = {
  kpiId: { schema: { type: 'string' }, description: 'The KPI, by id (see the list above). Composite indices are computed, never submitted.' },
  orgUnitCode: {
    schema: { type: 'string', examples: ['01', '79'] },
    description: 'Official administrative code of the unit: two digits for a province or centrally-run city, the commune code for a commune. It must be at the level that submits the KPI and within the token\'s scope.',
  },
  time: {
    schema: { type: 'string', examples: ['2026-11-27', '2026-11-27T08:00:00+07:00'] },
    description: 'A local date (midnight in Asia/Ho_Chi_Minh) or an ISO 8601 instant with a zone. Not in the future (five minutes of clock skew are allowed) and not before 2000-01-01 (unless configured otherwise).',
  },
  numerator: {
    schema: { type: ['number', 'string'] },
    description:
      'Ratio KPIs: the counted part (a number, or a numeric string as in CSV). Strings are read the Vietnamese way: "1.234,5", "1 234,5", "1.026" (1026), "1,5"; also "1234.5" and "1,234.5". "1,234" is refused as ambiguous (code ambiguous_number) except in a semicolon-separated CSV, where the comma is the decimal mark; so is "12.345" (a program may mean 12.345): send JSON numbers.',
  },
  denominator: { schema: { type: ['number', 'string'] }, description: 'Ratio KPIs: the whole.' },
  value: { schema: { type: ['number', 'string'] }, description: 'Mean and sum KPIs: the value.' },
  weight: { schema: { type: ['number', 'string'] }, description: 'Mean KPIs: how many observations the mean stands for (optional; one when left out).' },
};

/** Every code a refused row can carry; a Record so that a new code must be described. */
const ROW_ERROR_CODES: Record<MeasurementProblemCode, string> = {
  required: 'a field the KPI needs is missing, or the row is not an object',
  unknown_field: 'the row has a field outside the list',
  unknown_kpi: 'no KPI has this id',
  composite_not_submitted: 'the KPI is a computed index',
  unknown_org_unit: 'no unit has this code',
  inactive_org_unit: 'the unit was dropped by a commune list import and takes no new data',
  wrong_level: 'the KPI is submitted at the other level',
  out_of_scope: "the unit is outside the token's scope",
  invalid_time: 'the time is neither a local date nor a zoned ISO 8601 instant',
  future_time: 'the time is in the future',
  too_old: 'the time is before the earliest date accepted (2000-01-01 unless configured)',
  control_character: 'a text field holds NUL or another control character',
  not_a_number: 'an input is not a number',
  ambiguous_number: 'a text input such as "1,234" or "12.345" has two readings (Vietnamese and English); write 1234, 1234.5 or a JSON number',
  bad_grouping: 'a text input groups thousands wrongly (each "." or space grouping must be followed by exactly 3 digits)',
  not_integer: 'an input that counts things is not a whole number',
  out_of_range: "an input is outside the KPI's valid range",
  numerator_exceeds_denominator: 'the numerator counts a subset of the denominator but exceeds it',
  not_used: 'an input this KPI does not take was given',
  duplicate: 'the same KPI, unit and time appear twice in the batch',
};

const DB_MODES: Record<DbMode, true> = { 'embedded-timescaledb': true, 'server-timescaledb': true, 'server-postgresql': true };

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** The inputs each measured KPI takes, as Markdown lines: `dossiers_on_time` (daily, province): numerator (integer, 0–1000000), … */
function kpiInputList(catalogue: KpiCatalogue): string {
  return catalogue.measured
    .map((kpi) => {
      const inputs = Object.entries(inputSpecs(kpi)).map(
        ([field, spec]) => `${field}${spec.optional ? ' (optional)' : ''}: ${INPUT_LABELS[field as keyof typeof INPUT_LABELS].en.toLowerCase()}, ${spec.integer ? 'integer ' : ''}${spec.range.min}–${spec.range.max}`,
      );
      return `- \`${kpi.id}\` — ${kpi.name.en} (${kpi.frequency}, submitted by each ${kpi.submittedAt}): ${inputs.join('; ')}`;
    })
    .join('\n');
}

const errorResponse = (description: string, schema = '#/components/schemas/ErrorBody', headers?: Schema): Schema => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: schema } } },
});

export function buildOpenApiDocument(catalogue: KpiCatalogue): Schema {
  const measuredIds = catalogue.measured.map((k) => k.id);
  const rowProperties = Object.fromEntries(
    MEASUREMENT_FIELDS.map((f) => [f, { ...FIELD_DESCRIPTIONS[f].schema, description: FIELD_DESCRIPTIONS[f].description, ...(f === 'kpiId' ? { enum: measuredIds } : {}) }]),
  );
  const { ratePerSecond, burst } = MEASUREMENTS_RATE_LIMIT;
  // An example the endpoint accepts: a provincial ratio KPI, 950 of 1,000.
  const exampleKpi = catalogue.measured.find((k) => k.submittedAt === 'province' && k.measure.kind === 'ratio');
  const exampleRow: Partial<Record<MeasurementField, string | number>> | null = exampleKpi
    ? { kpiId: exampleKpi.id, orgUnitCode: '01', time: '2026-11-27', numerator: 950, denominator: 1000 }
    : null;
  const csvExample = `${MEASUREMENT_FIELDS.join(',')}\n${exampleRow ? MEASUREMENT_FIELDS.map((f) => exampleRow[f] ?? '').join(',') : ''}\n`;

  return {
    openapi: '3.1.0',
    info: {
      title: 'Liên Thông — ingestion API',
      version: '1',
      description:
        'Systems (a province\'s one-stop-shop software, sector platforms) post KPI measurements here. Authenticate with an API token ' +
        '(`Authorization: Bearer lt_…`, issued on the admin page); a token writes only within its org-unit scope. Every error body ' +
        'carries a code and a message in Vietnamese and English; a refused batch names every bad row. Times are in Asia/Ho_Chi_Minh.\n\n' +
        'Open data (`/api/v1/open/…`): published KPI values for anyone, without a token, under CC BY 4.0.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/measurements': {
        post: {
          operationId: 'postMeasurements',
          summary: 'Submit a batch of measurements',
          description:
            `A batch lands whole or not at all: one bad row refuses the batch (422) and names every bad row. At most ${MAX_BATCH_ROWS.toLocaleString('en-GB')} rows ` +
            `and ${MB(BODY_LIMIT_BYTES)} per request. A value sent again for the same KPI, unit and time replaces the old one, which is kept as a revision. ` +
            `Each token may send ${ratePerSecond} requests a second, ${burst} at once after a pause; past that, 429 with Retry-After.\n\n` +
            `The inputs each KPI takes:\n${kpiInputList(catalogue)}`,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Makes a retry safe: a batch sent again with the same key lands once (200 with the first batch). The same key with a different batch is refused (409).',
              schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/MeasurementBatch' },
                    { type: 'object', required: ['rows'], properties: { rows: { $ref: '#/components/schemas/MeasurementBatch' } } },
                  ],
                },
                ...(exampleRow ? { example: [exampleRow] } : {}),
              },
              'text/csv': {
                schema: { type: 'string', description: `A header line naming some of the columns ${MEASUREMENT_FIELDS.join(', ')} (kpiId required), then one measurement per line, separated by commas, or by semicolons with decimal commas ("87,5"). Empty cells are absent fields.` },
                example: csvExample,
              },
            },
          },
          responses: {
            '201': { description: 'The batch landed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } } } },
            '200': { description: 'A retry with a known Idempotency-Key: nothing written again; the first batch is returned with `replayed: true`.', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } } } },
            '400': errorResponse('The body is not JSON or CSV, not an array of rows or {"rows": [...]}, empty, or the Idempotency-Key is malformed.'),
            '401': errorResponse('No API token, or an unknown or revoked one.'),
            '409': errorResponse('The Idempotency-Key was already used for a different batch (code IDEMPOTENCY_CONFLICT).'),
            '413': errorResponse(`More than ${MAX_BATCH_ROWS.toLocaleString('en-GB')} rows or ${MB(BODY_LIMIT_BYTES)}.`),
            '422': errorResponse('The batch was refused: `error.rows` names every bad row (code VALIDATION_FAILED). Nothing was written.', '#/components/schemas/MeasurementErrorBody'),
            '429': errorResponse(`More than ${ratePerSecond} requests a second (${burst} at once) with this token.`, '#/components/schemas/ErrorBody', {
              'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', minimum: 1 } },
            }),
            '500': errorResponse('A server error; the batch was not written and can be retried with the same Idempotency-Key.'),
          },
        },
      },
      '/api/v1/org-units/communes': {
        post: {
          operationId: 'importCommunes',
          summary: 'Replace the synthetic communes with the official list',
          description:
            'A nation-wide token only. Units keep their id and data when their code is unchanged; communes missing from the list are deactivated ' +
            '(their history stays) and come back when a later list names them again; the answer lists their codes. A list that would deactivate more than ' +
            `${MAX_SILENT_DEACTIVATION_SHARE * 100}% of the active communes is refused (409) unless \`confirmDeactivations\` gives that exact count. All or nothing. At most ${MB(COMMUNE_CSV_LIMIT_BYTES)}.`,
          parameters: [
            {
              name: 'confirmDeactivations',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 0 },
              description: 'The number of communes the list deactivates, to confirm a large replacement (the 409 answer says it).',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'text/csv': {
                schema: { type: 'string', description: `Columns ${COMMUNE_CSV_HEADER.join(', ')}; kind is one of ${COMMUNE_KINDS.join(', ')}.` },
                example: `${COMMUNE_CSV_HEADER.join(',')}\n00004,Phường Ba Đình,01,ward\n`,
              },
            },
          },
          responses: {
            '200': { description: 'The list was applied.', content: { 'application/json': { schema: { $ref: '#/components/schemas/CommuneImportResult' } } } },
            '400': errorResponse('Not text/csv, or columns missing.'),
            '401': errorResponse('No API token, or an unknown or revoked one.'),
            '403': errorResponse('The token is not nation-wide.'),
            '409': errorResponse('The list would deactivate more communes than a small share and `confirmDeactivations` does not give that count (code CONFLICT); nothing changed.'),
            '413': errorResponse(`Larger than ${MB(COMMUNE_CSV_LIMIT_BYTES)}.`),
            '422': errorResponse('The list was refused: `error.rows` names every bad line; nothing changed.'),
          },
        },
      },
      '/api/health': { get: healthOperation('health', 'Liveness: the process answers; the body says which part is down', false) },
      '/api/ready': { get: healthOperation('ready', 'Readiness for a load balancer: 503 while the database, the relay of other instances or Redis is down', true) },
      ...openDataPaths(catalogue),
      '/api/v1/openapi.json': {
        get: { operationId: 'openApi', summary: 'This description', security: [], responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token: `lt_` followed by 43 URL-safe characters. Shown once when it is created.' },
      },
      schemas: {
        LocalizedText: {
          type: 'object',
          required: ['vi', 'en'],
          properties: { vi: { type: 'string', description: 'Vietnamese' }, en: { type: 'string', description: 'English' } },
        },
        MeasurementRow: {
          type: 'object',
          description: 'One measurement. Which numeric inputs a KPI takes depends on its kind (see the operation).',
          required: ['kpiId', 'orgUnitCode', 'time'],
          additionalProperties: false,
          properties: rowProperties,
        },
        MeasurementBatch: { type: 'array', minItems: 1, maxItems: MAX_BATCH_ROWS, items: { $ref: '#/components/schemas/MeasurementRow' } },
        IngestResult: {
          type: 'object',
          required: ['batchId', 'rowCount', 'replaced', 'replayed'],
          properties: {
            batchId: { type: 'integer' },
            rowCount: { type: 'integer' },
            replaced: { type: 'integer', description: 'rows that replaced an existing value (kept as revisions)' },
            replayed: { type: 'boolean', description: 'true when this was a retry of a batch that had already landed' },
          },
        },
        RowProblem: {
          type: 'object',
          description: 'One bad row, the same shape wherever it was found (a measurement batch, an uploaded report file, a form, a list of communes).',
          required: ['index', 'field', 'code', 'message'],
          properties: {
            index: { type: 'integer', minimum: 0, description: '0-based position of the row in the batch (CSV: the data line after the header)' },
            line: { type: 'integer', minimum: 1, description: 'Only for rows read from an uploaded file: its 1-based line (CSV) or row (XLSX), header included' },
            field: { type: 'string' },
            code: { type: 'string' },
            message: { $ref: '#/components/schemas/LocalizedText' },
          },
        },
        MeasurementRowProblem: {
          allOf: [
            { $ref: '#/components/schemas/RowProblem' },
            {
              type: 'object',
              properties: {
                field: { type: 'string', enum: [...MEASUREMENT_FIELDS, 'row'] },
                code: {
                  type: 'string',
                  enum: Object.keys(ROW_ERROR_CODES),
                  description: Object.entries(ROW_ERROR_CODES)
                    .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
                    .join('\n'),
                },
              },
            },
          ],
        },
        ErrorBody: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: [...Object.keys(APP_ERROR_CODES), 'INTERNAL', 'METHOD_NOT_ALLOWED'] },
                message: { $ref: '#/components/schemas/LocalizedText' },
                rows: { type: 'array', items: { $ref: '#/components/schemas/RowProblem' } },
              },
            },
          },
        },
        MeasurementErrorBody: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'rows'],
              properties: {
                code: { const: 'VALIDATION_FAILED' },
                message: { $ref: '#/components/schemas/LocalizedText' },
                rows: { type: 'array', items: { $ref: '#/components/schemas/MeasurementRowProblem' } },
              },
            },
          },
        },
        ...openDataSchemas(),
        CommuneImportResult: {
          type: 'object',
          required: ['created', 'updated', 'deactivated', 'deactivatedCodes'],
          properties: {
            created: { type: 'integer' },
            updated: { type: 'integer' },
            deactivated: { type: 'integer' },
            deactivatedCodes: { type: 'array', items: { type: 'string' }, description: 'The communes deactivated; a later list naming them reactivates them.' },
          },
        },
      },
    },
  };
}

export async function handleOpenApi(app: AppContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  sendJson(res, 200, buildOpenApiDocument(app.catalogue));
}

/** /api/health and /api/ready answer the same report (server/http/health.ts); only ready says 503. */
function healthOperation(operationId: string, summary: string, readiness: boolean) {
  const part = { type: 'string', enum: ['up', 'down', 'unused'] };
  const report = {
    'application/json': {
      schema: {
        type: 'object',
        required: ['ok', 'db', 'database', 'relay', 'redis', 'time'],
        properties: {
          ok: { type: 'boolean', description: 'every part the instance uses is up' },
          db: { type: 'string', enum: Object.keys(DB_MODES) },
          database: part,
          relay: { ...part, description: "server mode: the LISTEN connection that brings the other instances' changes" },
          redis: { ...part, description: 'the Redis that carries live pushes between instances (REDIS_URL)' },
          embedded: {
            type: 'object',
            description: "the embedded database only: what its one connection is doing when the worker answered the liveness ping",
            required: ['queued', 'inTransaction', 'runningMs', 'lastStatementAgoMs'],
            properties: {
              queued: { type: 'integer', description: 'statements and transactions waiting for the connection' },
              inTransaction: { type: 'boolean', description: 'a transaction holds the connection' },
              runningMs: { type: ['integer', 'null'], description: 'ms the statement in progress has run' },
              lastStatementAgoMs: { type: ['integer', 'null'], description: 'ms since the last statement finished' },
            },
          },
          time: { type: 'string', format: 'date-time', description: "now on the app's clock (CLOCK_START moves it)" },
        },
      },
    },
  };
  return {
    operationId,
    summary,
    security: [],
    responses: {
      '200': { description: readiness ? 'Ready: every part is up.' : 'The server answers.', content: report },
      ...(readiness ? { '503': { description: 'Not ready: a part is down (the body says which).', content: report } } : {}),
    },
  };
}
