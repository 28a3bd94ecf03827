import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from './origin-policy.ts';

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

  it('bound to every interface, accepts any well-formed Host but only a same-origin Origin', () => {
    const policy = createOriginPolicy('0.0.0.0', 4777);
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'http://192.168.1.20:4777' }))).toBeNull();
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'http://127.0.0.1:4777' }))).not.toBeNull();
    expect(policy.refusal(request({ host: '192.168.1.20:4777', origin: 'http://evil.example' }))).not.toBeNull();
  });
});
