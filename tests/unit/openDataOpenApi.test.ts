/** The open-data endpoints are described from the code: every parameter the reader accepts, public, with ETag and the rate limit. */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { OPEN_DATA_RATE_LIMIT } from '../../server/appContext';
import { buildOpenApiDocument } from '../../server/http/openApi';
import { VALUES_PARAMETERS } from '../../server/services/openDataRequest';

const doc = buildOpenApiDocument(kpiCatalogue) as { paths: Record<string, { get: { security: unknown[]; parameters: Array<{ name: string }>; responses: Record<string, { headers?: Record<string, unknown>; description: string }> } }> };

describe('open data in the OpenAPI description', () => {
  it('describes the three public endpoints without a token, with caching and the rate limit', () => {
    for (const path of ['/api/v1/open/kpis', '/api/v1/open/units', '/api/v1/open/values']) {
      const get = doc.paths[path]!.get;
      expect(get.security).toEqual([]);
      expect(Object.keys(get.responses).sort()).toEqual(['200', '304', '400', '429']);
      expect(get.responses['200']!.headers).toHaveProperty('ETag');
      expect(get.responses['429']!.description).toContain(`${OPEN_DATA_RATE_LIMIT.ratePerSecond} requests a second`);
      expect(get.parameters.map((p) => p.name)).toContain('If-None-Match');
    }
  });

  it('names every parameter the values endpoint reads', () => {
    const names = doc.paths['/api/v1/open/values']!.get.parameters.map((p) => p.name);
    expect(names).toEqual([...VALUES_PARAMETERS, 'If-None-Match']);
  });
});
