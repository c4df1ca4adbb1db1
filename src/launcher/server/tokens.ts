// Team access tokens: `aoe_<id>_<secret>`, where the id finds the stored row and the secret is
// checked against its scrypt hash (node:crypto; 16-byte salt, N=16384). Only the hash is stored;
// the token is shown once, when it is made. A verified token is remembered for a short while so
// that a page of history reads does not pay for scrypt on every request; revoking one through
// this process forgets it at once (another process sees it within REMEMBER_MS).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ROLES, type HistoryStore, type Role, type TokenInfo } from '../store/history.ts';

const KEY_BYTES = 32;
const REMEMBER_MS = 30_000;
const TOKEN_PATTERN = /^aoe_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashOf(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(salt, 'base64'), KEY_BYTES, { N: 16384, r: 8, p: 1 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a token of role `has` may do what needs `needs`. */
export function allows(has: Role, needs: Role): boolean {
  return has === 'admin' || has === needs;
}

export async function createToken(
  store: HistoryStore,
  name: string,
  role: Role,
): Promise<{ token: string; info: TokenInfo }> {
  const alnum = () =>
    randomBytes(24)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  let id = '';
  while (id.length < 16) id += alnum();
  id = id.slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('base64');
  const hash = (await hashOf(secret, salt)).toString('base64');
  const info: TokenInfo = { id, name, role, createdAt: new Date().toISOString(), revokedAt: null };
  await store.insertToken({ ...info, salt, hash });
  return { token: `aoe_${id}_${secret}`, info };
}

export interface TokenVerifier {
  /** The role of a valid, unrevoked token; null for anything else. */
  verify(token: string): Promise<{ role: Role; name: string } | null>;
  revoke(id: string): Promise<boolean>;
}

export function tokenVerifier(store: HistoryStore, now: () => number = Date.now): TokenVerifier {
  const remembered = new Map<string, { role: Role; name: string; id: string; until: number }>();
  return {
    async verify(token) {
      const m = TOKEN_PATTERN.exec(token);
      if (!m) return null;
      const hit = remembered.get(token);
      if (hit && hit.until > now()) return { role: hit.role, name: hit.name };
      remembered.delete(token);
      const [, id = '', secret = ''] = m;
      const row = await store.findToken(id);
      if (!row || row.revokedAt !== null || !isRole(row.role)) return null;
      const expected = Buffer.from(row.hash, 'base64');
      const given = await hashOf(secret, row.salt);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (remembered.size > 1000) remembered.clear();
      remembered.set(token, { role: row.role, name: row.name, id, until: now() + REMEMBER_MS });
      return { role: row.role, name: row.name };
    },
    async revoke(id) {
      for (const [k, v] of remembered) if (v.id === id) remembered.delete(k);
      return store.revokeToken(id, new Date().toISOString());
    },
  };
}
