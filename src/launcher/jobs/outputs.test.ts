import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cannVersion,
  countTunedOperators,
  envSubset,
  findResultFiles,
  findTunedOm,
} from './outputs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoe-outputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('countTunedOperators', () => {
  const op = (name: string) => ({ op_name: name, op_type: 'Conv2D', tune_performance: {} });
  it.each([
    ['6.3+ list', [{ basic: {} }, { OPAT: { repo_modified_operators: [op('a'), op('b')] } }], 2],
    [
      '6.0/6.2 add and update lists',
      [
        {
          OPAT: {
            repo_modified_operators: {
              add_repo_operators: [op('a')],
              update_repo_operators: [op('b'), op('c')],
            },
          },
        },
      ],
      3,
    ],
    [
      'report map of several tasks',
      {
        report_1_2: [{ OPAT: { repo_modified_operators: [op('a')] } }],
        report_3_4: [{ OPAT: { repo_modified_operators: [op('b')] } }],
      },
      2,
    ],
    ['nothing tuned yet', [{ basic: {} }, { OPAT: {} }], 0],
  ])('%s', (_name, doc, expected) => {
    expect(countTunedOperators(JSON.stringify(doc))).toBe(expected);
  });

  it('gives null for a file AOE is still writing', () => {
    const text = JSON.stringify([{ OPAT: { repo_modified_operators: [op('a'), op('b')] } }]);
    expect(countTunedOperators(text.slice(0, text.length / 2))).toBeNull();
  });
});

describe('findTunedOm', () => {
  it('prefers --output, with or without the _<os>_<arch> suffix, then the workspace copy', () => {
    const result = join(dir, 'aoe_workspace', 'm_2026112112000000012345678', 'tunespace', 'result');
    mkdirSync(result, { recursive: true });
    writeFileSync(join(result, 'm_20261121120000000_tune.om'), 'ws');
    expect(findTunedOm(dir, null)).toBe(join(result, 'm_20261121120000000_tune.om'));
    mkdirSync(join(dir, 'output'));
    writeFileSync(join(dir, 'output', 'm_linux_x86_64.om'), 'dyn');
    expect(findTunedOm(dir, join(dir, 'output', 'm'))).toBe(
      join(dir, 'output', 'm_linux_x86_64.om'),
    );
    writeFileSync(join(dir, 'output', 'm.om'), 'out');
    expect(findTunedOm(dir, join(dir, 'output', 'm'))).toBe(join(dir, 'output', 'm.om'));
  });

  it('is null when AOE wrote no model', () => {
    expect(findTunedOm(dir, join(dir, 'nowhere', 'm'))).toBeNull();
  });
});

describe('findResultFiles', () => {
  it('lists AOE result files, oldest first, and nothing else', () => {
    writeFileSync(join(dir, 'aoe_result_opat_20261121120000001_pid2.json'), '[]');
    writeFileSync(join(dir, 'aoe_result_sgat_20261121110000001_pid1.json'), '[]');
    writeFileSync(join(dir, 'fake_aoe_argv.json'), '[]');
    writeFileSync(join(dir, 'aoe_result_opat.txt'), '');
    utimesSync(join(dir, 'aoe_result_sgat_20261121110000001_pid1.json'), 1000, 1000);
    expect(findResultFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'aoe_result_sgat_20261121110000001_pid1.json',
      'aoe_result_opat_20261121120000001_pid2.json',
    ]);
  });
});

describe('cannVersion and envSubset', () => {
  it.each([
    ['version.cfg', 'toolkit_installed_version=[8.0.RC3:8.0.RC3]\n', '8.0.RC3'],
    ['ascend_toolkit_install.info', 'package_name=Ascend-cann-toolkit\nversion=7.0.0\n', '7.0.0'],
    ['version.cfg', 'nothing useful\n', null],
  ])('%s %j → %s', (file, text, expected) => {
    writeFileSync(join(dir, file), text);
    expect(cannVersion({ ASCEND_TOOLKIT_HOME: dir })).toBe(expected);
  });

  it('keeps only what changes AOE, sorted', () => {
    expect(
      envSubset({
        TUNE_BANK_PATH: '/b',
        PATH: '/bin',
        ASCEND_DEVICE_ID: '1',
        HOME: '/h',
        REPEAT_TUNE: 'True',
        SECRET_TOKEN: 'x',
      }),
    ).toEqual({ ASCEND_DEVICE_ID: '1', REPEAT_TUNE: 'True', TUNE_BANK_PATH: '/b' });
  });
});
