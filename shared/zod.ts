/**
 * zod for modules that the browser loads too (the KPI schema, the socket events). zod probes
 * `new Function` to compile its parsers when a schema is built; the Content-Security-Policy forbids
 * eval, and Chromium reports even a swallowed probe as a violation. Importing z from here turns
 * the probe off in the browser before any of those schemas is built.
 */
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
