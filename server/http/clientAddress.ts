/**
 * The address a request came from, as rate limits and the sign-in throttle count it. Behind
 * reverse proxies every request arrives from the nearest proxy, so one key would throttle
 * everybody: with TRUST_PROXY_HOPS = n, the n proxies nearest to the app are trusted, and the
 * client is the address the outermost of them saw (the n-th entry of X-Forwarded-For from the
 * right). Entries further left are the client's own claims and are never believed.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedProxyHops: number): string {
  const header = req.headers['x-forwarded-for'];
  return clientAddressFrom(Array.isArray(header) ? header.join(',') : header, req.socket.remoteAddress, trustedProxyHops);
}

/** The same from the X-Forwarded-For value and the connection's peer (what a `Headers` caller has). */
export function clientAddressFrom(forwardedFor: string | null | undefined, remoteAddress: string | undefined, trustedProxyHops: number): string {
  const direct = remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return direct;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  // fewer entries than trusted proxies: the request did not come through them all
  return hops[hops.length - trustedProxyHops] ?? direct;
}
