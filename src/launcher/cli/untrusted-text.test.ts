// Names, keys and file names come from files anyone can write. Printed raw, an ESC or OSC sequence
// retitles or clears the terminal, a CR or newline fakes a line of our own, and a bidi override
// reorders what the reader sees. Text and Markdown show such characters as escapes; JSON keeps the
// exact text (JSON.stringify escapes control characters itself).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** C0 and C1 controls and DEL, except the newline that ends our own lines; bidi controls. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const TITLE = '\u001b]0;pwned\u0007\u001b[2J';
const FAKE_OK = 'Conv|1\r\nOK  all good';
const BIDI = 'Add\u202egnp.exe';

function report(name: string, tunedMs: number): string {
  return JSON.stringify([
    { basic: { tuning_name: name, 'tuning_time(s)': 60 } },
    {
      OPAT: {
        'model_baseline_performance(ms)': 100,
        'model_result_performance(ms)': tunedMs,
        opat_tuning_result: 'tuning successful',
        [`extra\u001b[31m`]: 1,
        repo_modified_operators: [
          {
            op_name: FAKE_OK,
            op_type: BIDI,
            tune_performance: {
              Schedule: {
                'performance_before_tune(us)': 20,
                'performance_after_tune(us)': 10,
                update_mode: 'add',
              },
            },
          },
        ],
      },
    },
  ]);
}

function temp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aoe-untrusted-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('inspect shows control characters from files as escapes', () => {
  const dir = temp({ 'aoe_result_opat_1_pid1\u001b[2J.json': report(TITLE, 90) });
  const file = join(dir, 'aoe_result_opat_1_pid1\u001b[2J.json');

  it('text: no raw control or bidi character reaches the terminal, and no line is faked', async () => {
    const r = await run(['inspect', file]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('task "\\x1b]0;pwned\\x07\\x1b[2J"');
    expect(r.stdout).toContain('pid1\\x1b[2J.json');
    expect(r.stdout).toContain('/1/OPAT/extra\\x1b[31m');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('OK '))).toHaveLength(1);
  });

  it('Markdown: escapes as well, and a name cannot break the operator table', async () => {
    const r = await run(['inspect', '--md', file]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const row = r.stdout.split('\n').find((l) => l.includes('Conv'));
    expect(row).toBe(
      '| Conv\\|1\\x0d\\x0aOK  all good | Add\\u202egnp.exe | Schedule | 20 | 10 | – | add |',
    );
    expect(r.stdout).toContain('\\x1b\\]0;pwned\\x07\\x1b\\[2J');
  });

  it('JSON: the exact text, escaped by JSON itself', async () => {
    const r = await run(['inspect', '--json', file]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const out = JSON.parse(r.stdout) as {
      files: {
        file: string;
        tasks: { name: string; operators: { name: string; type: string }[] }[];
      }[];
    };
    expect(out.files[0]?.file).toBe(file);
    expect(out.files[0]?.tasks[0]?.name).toBe(TITLE);
    expect(out.files[0]?.tasks[0]?.operators[0]).toMatchObject({ name: FAKE_OK, type: BIDI });
  });
});

describe('compare shows control characters from files as escapes', () => {
  const dir = temp({ 'base.json': report('base', 100), 'run.json': report(TITLE, 90) });
  const args = [join(dir, 'base.json'), join(dir, 'run.json')];

  it('text and its warnings on stderr', async () => {
    const r = await run(['compare', ...args]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('run.json · \\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stderr).toContain('/1/OPAT/extra\\x1b[31m');
  });

  it('Markdown', async () => {
    const r = await run(['compare', '--md', ...args]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b\\]0;pwned\\x07\\x1b\\[2J');
  });
});
