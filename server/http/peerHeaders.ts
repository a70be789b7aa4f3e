/**
 * What the connection says about a page request, carried to server components. Next hands them
 * only the request's headers, not its socket, so the custom server writes the peer address and
 * whether the connection is TLS into two headers of its own before Next sees the request,
 * overwriting whatever the client sent under those names: they are this server's word, never the
 * client's. Server components then build the tRPC context by the same rules as the HTTP adapter.
 */
import type { IncomingMessage } from 'node:http';
import type { TrpcRequest } from '../trpc/init';

const PEER_HEADER = 'x-lienthong-peer';
const TLS_HEADER = 'x-lienthong-tls';

/** Writes the connection's facts into the request's headers (the custom server, before Next). */
export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  req.headers[TLS_HEADER] = (req.socket as { encrypted?: boolean }).encrypted === true ? '1' : '0';
}

/** The tRPC request of a server component, from the headers the custom server stamped. */
export function pageTrpcRequest(headers: Headers): TrpcRequest {
  return { headers, remoteAddress: headers.get(PEER_HEADER) || undefined, tls: headers.get(TLS_HEADER) === '1' };
}
