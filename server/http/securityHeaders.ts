/**
 * Headers every response carries, pages and API alike. The Content-Security-Policy fits what the
 * app does: Next.js puts inline scripts in each page (its flight data) and has no nonce without
 * rendering every page per request, hence 'unsafe-inline' for scripts; ECharts and React set
 * inline styles; socket.io connects to the same origin ('self' covers its ws: and wss:); chart
 * exports are data: and blob: URLs. No other origin is needed, and no site may frame the app.
 */

export interface SecurityHeaderOptions {
  /** Next.js development mode evaluates code for hot reload */
  dev: boolean;
  /** the public address is https: browsers are told to use nothing else (HSTS) */
  https: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
