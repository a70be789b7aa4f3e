/** The settings added for hostile input: PUBLIC_URL, MEASUREMENTS_EARLIEST and BOOTSTRAP_ADMIN_PASSWORD are validated at start. */
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../server/env';

describe('security settings in server/env.ts', () => {
  it('keeps PUBLIC_URL as an origin and leaves it unset by default', () => {
    expect(readEnv({ PUBLIC_URL: 'HTTPS://KPI.example.gov.vn/' }).PUBLIC_URL).toBe('https://kpi.example.gov.vn');
    expect(readEnv({ PUBLIC_URL: 'http://10.0.0.5:3000' }).PUBLIC_URL).toBe('http://10.0.0.5:3000');
    expect(readEnv({}).PUBLIC_URL).toBeUndefined();
  });

  it.each(['kpi.example.gov.vn', 'ftp://kpi.example.gov.vn', 'https://kpi.example.gov.vn/dashboard'])('refuses PUBLIC_URL=%s, naming the variable', (value) => {
    expect(() => readEnv({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
  });

  it('takes MEASUREMENTS_EARLIEST as a real date, 2000-01-01 by default', () => {
    expect(readEnv({}).MEASUREMENTS_EARLIEST).toBe('2000-01-01');
    expect(readEnv({ MEASUREMENTS_EARLIEST: '2015-07-01' }).MEASUREMENTS_EARLIEST).toBe('2015-07-01');
    expect(() => readEnv({ MEASUREMENTS_EARLIEST: '2015-13-45' })).toThrow(/MEASUREMENTS_EARLIEST/);
    expect(() => readEnv({ MEASUREMENTS_EARLIEST: '1/7/2015' })).toThrow(/MEASUREMENTS_EARLIEST/);
  });

  it('refuses a short BOOTSTRAP_ADMIN_PASSWORD', () => {
    expect(() => readEnv({ BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(readEnv({ BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-one' }).BOOTSTRAP_ADMIN_PASSWORD).toBe('a-long-enough-one');
  });
});
