/**
 * The OpenAPI description follows the code: every measurement field, every KPI that can be
 * submitted, the limits, the error shape; and every $ref resolves.
 */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { MEASUREMENT_FIELDS } from '../../shared/domain/validateMeasurementBatch';
import { MEASUREMENTS_RATE_LIMIT } from '../../server/appContext';
import { buildOpenApiDocument } from '../../server/http/openApi';
import { MAX_BATCH_ROWS } from '../../server/services/ingestMeasurements';

const doc: unknown = buildOpenApiDocument(kpiCatalogue);

/** The value at a path of keys in the JSON document (undefined when absent). */
function pick(node: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((n, key) => (n !== null && typeof n === 'object' ? (n as Record<string | number, unknown>)[key] : undefined), node);
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

const ingest = (...path: Array<string | number>) => pick(doc, 'paths', '/api/v1/measurements', 'post', ...path);
const schema = (...path: Array<string | number>) => pick(doc, 'components', 'schemas', ...path);

describe('buildOpenApiDocument', () => {
  it('is OpenAPI 3.1 with bearer auth, and serialises to JSON', () => {
    expect(pick(doc, 'openapi')).toBe('3.1.0');
    expect(pick(doc, 'components', 'securitySchemes', 'bearerAuth')).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('describes every measurement field and only those, with the submittable KPIs', () => {
    expect(Object.keys(schema('MeasurementRow', 'properties') as object)).toEqual([...MEASUREMENT_FIELDS]);
    expect(schema('MeasurementRow', 'additionalProperties')).toBe(false);
    expect(schema('MeasurementRow', 'properties', 'kpiId', 'enum')).toEqual(kpiCatalogue.measured.map((k) => k.id));
    expect(schema('MeasurementRow', 'properties', 'kpiId', 'enum')).not.toContain('service_index');
    expect(schema('MeasurementBatch', 'maxItems')).toBe(MAX_BATCH_ROWS);
    expect(String(ingest('requestBody', 'content', 'text/csv', 'example')).split('\n')[0]).toBe(MEASUREMENT_FIELDS.join(','));
    // every submittable KPI's inputs are spelled out
    for (const kpi of kpiCatalogue.measured) expect(ingest('description')).toContain(`\`${kpi.id}\``);
  });

  it('lists the responses of the ingestion endpoint with the error body shape', () => {
    expect(Object.keys(ingest('responses') as object).sort()).toEqual(['200', '201', '400', '401', '409', '413', '422', '429', '500']);
    expect(ingest('responses', '429', 'headers', 'Retry-After', 'schema', 'type')).toBe('integer');
    expect(ingest('responses', '429', 'description')).toContain(`${MEASUREMENTS_RATE_LIMIT.ratePerSecond} requests a second`);
    expect(ingest('parameters', 0, 'name')).toBe('Idempotency-Key');
    expect(ingest('parameters', 0, 'in')).toBe('header');
    expect(schema('RowProblem', 'required')).toEqual(['index', 'field', 'code', 'message']);
    expect(schema('MeasurementRowProblem', 'allOf', 1, 'properties', 'field', 'enum')).toEqual([...MEASUREMENT_FIELDS, 'row']);
    expect(schema('MeasurementRowProblem', 'allOf', 1, 'properties', 'code', 'enum')).toContain('out_of_scope');
    expect(schema('MeasurementErrorBody', 'properties', 'error', 'properties', 'rows', 'items', '$ref')).toBe('#/components/schemas/MeasurementRowProblem');
    expect(schema('LocalizedText', 'required')).toEqual(['vi', 'en']);
  });

  it('describes the commune import and health routes, and every $ref resolves', () => {
    expect(String(pick(doc, 'paths', '/api/v1/org-units/communes', 'post', 'requestBody', 'content', 'text/csv', 'example')).split('\n')[0]).toBe('code,name,provinceCode,kind');
    expect(pick(doc, 'paths', '/api/health', 'get', 'security')).toEqual([]);
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) expect(schema(ref.replace('#/components/schemas/', '')), ref).toBeDefined();
  });
});
