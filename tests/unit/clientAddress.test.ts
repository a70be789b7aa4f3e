import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../server/http/clientAddress';

const req = (remoteAddress: string, forwardedFor?: string) => ({
  socket: { remoteAddress } as never,
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('clientAddress: whom the sign-in throttle counts', () => {
  it('without trusted proxies, is the socket address, whatever the headers claim', () => {
    expect(clientAddress(req('10.0.0.5', '203.0.113.7'), 0)).toBe('10.0.0.5');
  });

  it('behind one proxy, is the address the proxy saw, not what the client wrote before it', () => {
    expect(clientAddress(req('10.0.0.5', '203.0.113.7'), 1)).toBe('203.0.113.7');
    // a client forging a header: the proxy appends the real peer, and only that one is believed
    expect(clientAddress(req('10.0.0.5', '1.2.3.4, 203.0.113.7'), 1)).toBe('203.0.113.7');
  });

  it('behind two proxies, skips the inner one; with too few entries falls back to the socket', () => {
    expect(clientAddress(req('10.0.0.5', '1.2.3.4, 203.0.113.7, 10.0.0.9'), 2)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.5', '203.0.113.7'), 2)).toBe('10.0.0.5');
    expect(clientAddress(req('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});
