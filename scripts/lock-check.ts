// `npm run lock:check` (part of `npm run check`): `npm ci` on a clean clone refuses a lock file in
// which a package names an optional dependency (a platform binding, say) that the lock does not
// hold. That happens when the registry did not serve the binding for some OS at install time. This
// check finds it on the developer's machine instead of in CI.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

interface LockPackage {
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}
interface Lock {
  packages: Record<string, LockPackage>;
}

/** Names of optional dependencies the lock names but does not hold, as "from → missing". */
export function missingOptionals(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
      // npm resolves from the nearest node_modules up the tree.
      const candidates: string[] = [];
      let base = path;
      for (;;) {
        candidates.push(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
        const cut = base.lastIndexOf('/node_modules/');
        if (cut < 0) {
          if (base === '') break;
          base = '';
        } else base = base.slice(0, cut);
      }
      if (!candidates.some((c) => Object.prototype.hasOwnProperty.call(lock.packages, c))) {
        missing.push(`${path || '(root)'} → ${name}`);
      }
    }
  }
  return missing;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
  const missing = missingOptionals(lock);
  if (missing.length > 0) {
    process.stderr.write(
      `package-lock.json names optional dependencies it does not hold; npm ci will refuse it:\n` +
        missing.map((m) => `  ${m}\n`).join('') +
        `Pick a version whose bindings the registry serves for every platform, then npm install.\n`,
    );
    process.exit(1);
  }
  process.stdout.write('package-lock.json: every optional dependency is locked\n');
}
