/**
 * Serves the built web app (vite build output) from one folder: hashed assets under
 * /assets/ cached for a year, everything else revalidated; any other page path is the app's
 * index.html (client-side pages). Nothing outside the folder is reachable.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `pathname` from `root`; false when there is no such file (and no page fallback). */
export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..') || decoded.includes('\0')) return false;
  let file = join(root, relative);
  let isPage = false;
  if (!file.startsWith(root)) return false;
  const found = await stat(file).catch(() => null);
  if (!found || !found.isFile()) {
    // A page of the app (no file extension): the app's index.html. A missing asset: 404.
    if (extname(relative) !== '') return false;
    file = join(root, 'index.html');
    isPage = true;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.setHeader('content-type', type);
  res.setHeader('content-length', body.length);
  res.setHeader(
    'cache-control',
    relative.startsWith(`assets${sep}`) && !isPage
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  );
  res.statusCode = 200;
  res.end(headOnly ? undefined : body);
  return true;
}
