import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy, isLoopbackHost, parseAllowedOrigin } from './origin-policy.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('origin policy', () => {
  it('bound to loopback, accepts only loopback names with the right port, and only their origins', () => {
    const policy = createOriginPolicy('127.0.0.1', 4777);
    for (const host of ['127.0.0.1:4777', 'localhost:4777', 'LOCALHOST:4777', '[::1]:4777']) {
      expect(policy.refusal(request({ host })), host).toBeNull();
      expect(policy.refusal(request({ host, origin: `http://${host}` })), host).toBeNull();
    }
    for (const host of ['127.0.0.1:4778', 'evil.example:4777', '127.0.0.1', '', 'a b:4777', "evil;script-src *:4777"]) {
      expect(policy.refusal(request({ host })), host).not.toBeNull();
    }
    for (const origin of ['http://evil.example', 'https://127.0.0.1:4777', 'http://127.0.0.1:4778', 'null', 'file://']) {
      expect(policy.refusal(request({ host: '127.0.0.1:4777', origin })), origin).not.toBeNull();
    }
  });

  it('bound to an IPv6 or named host, accepts that name too', () => {
    expect(createOriginPolicy('::1', 9000).refusal(request({ host: '[::1]:9000', origin: 'http://[::1]:9000' }))).toBeNull();
    expect(createOriginPolicy('studio.local', 80).refusal(request({ host: 'studio.local', origin: 'http://studio.local' }))).toBeNull();
  });

  it('bound to every interface, accepts this machine\'s addresses but no other name (DNS rebinding), and only their own origins', () => {
    const policy = createOriginPolicy('0.0.0.0', 4777, { interfaceAddresses: ['192.168.1.20', 'fe80::1'] });
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'http://192.168.1.20:4777' }))).toBeNull();
    expect(policy.refusal(request({ host: '[fe80::1]:4777', origin: 'http://[fe80::1]:4777' }))).toBeNull();
    expect(policy.refusal(request({ host: 'localhost:4777' }))).toBeNull();
    expect(policy.refusal(request({ host: 'rebound.evil.example:4777', origin: 'http://rebound.evil.example:4777' }))).toMatch(/^Host/);
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'http://evil.example' }))).toMatch(/^Origin/);
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'https://192.168.1.20:4777' }))).toMatch(/^Origin/);
  });

  it('accepts the --origin list exactly, and requests addressed to those hosts (a TLS reverse proxy)', () => {
    const origins = ['https://studio.example', 'http://10.0.0.5:8080'].map(parseAllowedOrigin);
    const policy = createOriginPolicy('127.0.0.1', 4777, { origins });
    expect(policy.refusal(request({ host: 'studio.example', origin: 'https://studio.example' }))).toBeNull();
    expect(policy.refusal(request({ host: '127.0.0.1:4777', origin: 'https://STUDIO.example' }))).toBeNull();
    expect(policy.refusal(request({ host: '10.0.0.5:8080', origin: 'http://10.0.0.5:8080' }))).toBeNull();
    for (const origin of ['http://studio.example', 'https://studio.example:8443', 'https://other.example', 'http://10.0.0.5']) {
      expect(policy.refusal(request({ host: '127.0.0.1:4777', origin })), origin).toMatch(/^Origin/);
    }
    // Without the list the same origin is refused.
    expect(createOriginPolicy('127.0.0.1', 4777).refusal(request({ host: '127.0.0.1:4777', origin: 'https://studio.example' }))).toMatch(/^Origin/);
  });

  it('takes only bare http(s) origins for --origin', () => {
    expect(parseAllowedOrigin('HTTPS://Studio.Example:443/')).toBe('https://studio.example');
    for (const bad of ['studio.example', 'ftp://studio.example', 'https://studio.example/app', 'https://u:p@studio.example', 'https://studio.example/?a=1', '*']) {
      expect(() => parseAllowedOrigin(bad), bad).toThrow(/--origin must be/);
    }
  });

  it('tells loopback hosts from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '127.0.0.1.evil.example', 'localhost.example']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
