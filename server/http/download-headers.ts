/** Headers for a file to download: kept out of shared caches, and named with safe characters only (nothing that could break out of the quoted filename). */
export function downloadHeaders(filename: string): Record<string, string> {
  return { 'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`, 'Cache-Control': 'private, no-store' };
}
