import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): zdctl against a sandbox on a bad day — 429/503 with
 * Retry-After, dropped connections, lost answers, slow answers, outages past the retry budget,
 * a killed apply. Long runs, so kept out of `npm test`; .ci/run adds its JSON report's counts.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/faults.json' },
  },
});
