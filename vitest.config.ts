import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Every test sees one fixed "now" (TEST_NOW), never the calendar's.
    setupFiles: ['tests/setup/fixedClock.ts'],
    // Integration tests open an embedded TimescaleDB (a few seconds) and seed data.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: two test files at a time.
    maxWorkers: 2,
  },
});
