/** Where the app is; kept in the URL hash so reload and back/forward work without a router. */
export type Route = { page: 'projects' } | { page: 'project'; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/projects\/([^/?#]+)$/.exec(hash);
  return match ? { page: 'project', id: decodeURIComponent(match[1]) } : { page: 'projects' };
}

export function routeHash(route: Route): string {
  return route.page === 'project' ? `#/projects/${encodeURIComponent(route.id)}` : '#/';
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeHash(a) === routeHash(b);
}
