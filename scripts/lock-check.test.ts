import { describe, expect, it } from 'vitest';
import { missingOptionals } from './lock-check';

describe('lock check', () => {
  it('names an optional platform binding the lock does not hold', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/bindings': {
          optionalDependencies: { 'bindings-linux-x64': '1.0.0', 'bindings-darwin-arm64': '1.0.0' },
        },
        'node_modules/bindings-linux-x64': {},
      },
    };
    expect(missingOptionals(lock)).toEqual(['node_modules/bindings → bindings-darwin-arm64']);
  });

  it('finds an optional dependency nested under its parent or hoisted to the root', () => {
    const lock = {
      packages: {
        'node_modules/a': {},
        'node_modules/a/node_modules/b': { optionalDependencies: { c: '1', d: '1' } },
        'node_modules/a/node_modules/c': {},
        'node_modules/d': {},
      },
    };
    expect(missingOptionals(lock)).toEqual([]);
  });
});
