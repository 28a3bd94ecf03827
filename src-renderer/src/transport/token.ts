const STORAGE_KEY = 'onestory.token';

/**
 * Browser mode's access token arrives once in the URL fragment (`#token=…`). It is kept in
 * sessionStorage so a reload still works, and removed from the address bar so it is not
 * bookmarked, shared or left in the history.
 */
export function takeAccessToken(): string | null {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]);
    window.sessionStorage.setItem(STORAGE_KEY, token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}
