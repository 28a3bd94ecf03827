/** Where the app is; kept in the URL hash so reload and back/forward work without a router. */
export type Route = { page: 'projects' } | { page: 'project'; id: string } | { page: 'models' } | { page: 'settings' };

const FIXED_PAGES = new Map<string, Route>([
  ['#/models', { page: 'models' }],
  ['#/settings', { page: 'settings' }],
]);

export function parseRoute(hash: string): Route {
  const match = /^#\/projects\/([^/?#]+)$/.exec(hash);
  if (match) return { page: 'project', id: decodeURIComponent(match[1]) };
  return FIXED_PAGES.get(hash) ?? { page: 'projects' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'project':
      return `#/projects/${encodeURIComponent(route.id)}`;
    case 'projects':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeHash(a) === routeHash(b);
}
