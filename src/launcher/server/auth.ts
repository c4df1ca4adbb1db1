// The access token: 32 random bytes kept in `<data-dir>/token` (mode 0600) and reused across
// restarts, so a bookmarked Launch page keeps working. Compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './errors.ts';

export function readOrCreateToken(dataDir: string): string {
  const file = join(dataDir, 'token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    chmodSync(file, 0o600);
    if (/^[A-Za-z0-9_-]{32,}$/.test(token)) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Throws 401 unless `header` is `Bearer <token>`. */
export function requireToken(header: string | undefined, token: string): void {
  if (!header) throw ApiError.field('UNAUTHORIZED', 'authorization', 'a Bearer token is required');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const given = Buffer.from(m?.[1] ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw ApiError.field('UNAUTHORIZED', 'authorization', 'the token is not valid');
  }
}
