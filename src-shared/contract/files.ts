/** Browser mode hands a finished export over at `/exports/<exportId>/<fileName>` (token in the query, so a plain link works). */
export function exportFilePath(exportId: string, fileName: string): string {
  return `/exports/${encodeURIComponent(exportId)}/${encodeURIComponent(fileName)}`;
}

const EXPORT_PATH = /^\/exports\/([0-9a-f-]{36})\/([^/]+)$/i;

export function parseExportFilePath(path: string): { exportId: string; fileName: string } | null {
  const match = EXPORT_PATH.exec(path);
  if (!match) return null;
  try {
    return { exportId: match[1]!.toLowerCase(), fileName: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/** Browser mode takes a `.onestory` file's bytes here (POST, bearer token) and imports it: the browser cannot name a path on the server. */
export const PROJECT_UPLOAD_PATH = '/imports';
