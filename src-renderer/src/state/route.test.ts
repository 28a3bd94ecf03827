import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.ts';

describe('routes', () => {
  it('round-trips through the hash, and anything unknown is the project list', () => {
    const id = '0b6c1f9e-2a1d-4c3b-9e8f-7a6b5c4d3e2f';
    expect(parseRoute(routeHash({ page: 'project', id }))).toEqual({ page: 'project', id });
    expect(parseRoute('')).toEqual({ page: 'projects' });
    expect(parseRoute('#/')).toEqual({ page: 'projects' });
    expect(parseRoute('#/nowhere/else')).toEqual({ page: 'projects' });
    for (const page of ['models', 'settings'] as const) expect(parseRoute(routeHash({ page }))).toEqual({ page });
  });
});
