import { describe, expect, it } from 'vitest';
import { tokenFromHash } from '../../lib/launcher-client.ts';
import { fieldOf, parseOptions } from './form-model.ts';
import { itemKey } from './preflight-panel.tsx';
import { applyFrame, applyFrames, MAX_LINES, parseFrames, type JobFeed } from './use-job-events.ts';

const EMPTY: JobFeed = {
  lines: [],
  state: null,
  phase: null,
  operatorsTuned: null,
  percent: null,
  errorCode: null,
  message: null,
  runIds: [],
  steps: {},
  connected: true,
};

describe('parseFrames', () => {
  it('reads complete frames and keeps the unfinished tail for the next chunk', () => {
    const text =
      'retry: 2000\n\nid: 1\nevent: state\ndata: {"state":"queued"}\n\n: keep-alive\n\nid: 2\nevent: log\ndata: {"line":"a"';
    const { frames, rest } = parseFrames(text);
    expect(frames).toEqual([{ id: 1, event: 'state', data: { state: 'queued' } }]);
    expect(rest).toBe('id: 2\nevent: log\ndata: {"line":"a"');
    const next = parseFrames(`${rest}}\n\n`);
    expect(next.frames).toEqual([{ id: 2, event: 'log', data: { line: 'a' } }]);
  });

  it('skips frames without an id or with broken data', () => {
    expect(parseFrames('event: log\ndata: {}\n\nid: 3\ndata: {oops\n\n').frames).toEqual([]);
  });
});

describe('step events', () => {
  it('keep each step’s last state, failure and outputs; log lines keep their step', () => {
    const frames = [
      { id: 1, event: 'step', data: { index: 0, step: 0, tool: 'atc', state: 'running' } },
      { id: 2, event: 'log', data: { stream: 'stdout', line: 'ATC start', step: 0, tool: 'atc' } },
      {
        id: 3,
        event: 'step',
        data: { index: 0, state: 'succeeded', outputs: { model: '/j/1-atc/m.om' } },
      },
      { id: 4, event: 'step', data: { index: 1, step: 1, tool: 'ais_bench', state: 'running' } },
      { id: 5, event: 'log', data: { stream: 'stderr', line: 'busy', step: 1 } },
      {
        id: 6,
        event: 'step',
        data: { index: 1, state: 'failed', errorCode: 'DEVICE_BUSY', message: 'device 0 busy' },
      },
      { id: 7, event: 'step', data: { state: 'failed' } },
    ];
    const feed = applyFrames(EMPTY, frames);
    expect(feed.steps).toEqual({
      0: {
        state: 'succeeded',
        errorCode: null,
        message: null,
        outputs: { model: '/j/1-atc/m.om' },
      },
      1: { state: 'failed', errorCode: 'DEVICE_BUSY', message: 'device 0 busy', outputs: null },
    });
    expect(feed.lines.map((l) => [l.text, l.step])).toEqual([
      ['ATC start', 0],
      ['busy', 1],
    ]);
  });
});

describe('applyFrame', () => {
  it('builds the feed: lines in order, progress, phase, final state with its runs', () => {
    const frames = [
      { id: 1, event: 'state', data: { state: 'running' } },
      { id: 2, event: 'log', data: { stream: 'stdout', line: 'start' } },
      { id: 3, event: 'phase', data: { jobType: 2, phase: 'tune' } },
      { id: 4, event: 'progress', data: { jobType: 2, operatorsTuned: 3 } },
      { id: 5, event: 'progress', data: { jobType: 2, percent: 75 } },
      { id: 6, event: 'log', data: { stream: 'stderr', line: '<b>warn</b>' } },
      {
        id: 7,
        event: 'state',
        data: { state: 'succeeded', errorCode: null, runIds: ['r1', 'r2'] },
      },
    ];
    const feed = frames.reduce(applyFrame, EMPTY);
    expect(feed.lines).toEqual([
      { seq: 2, stream: 'stdout', text: 'start', step: null },
      { seq: 6, stream: 'stderr', text: '<b>warn</b>', step: null },
    ]);
    expect(feed).toMatchObject({
      state: 'succeeded',
      phase: '2:tune',
      operatorsTuned: 3,
      percent: 75,
      runIds: ['r1', 'r2'],
    });
  });
});

describe('applyFrames', () => {
  it('gives the same feed as applying frame by frame', () => {
    const frames = [
      { id: 1, event: 'state', data: { state: 'running' } },
      { id: 2, event: 'log', data: { stream: 'stdout', line: 'a' } },
      { id: 3, event: 'progress', data: { operatorsTuned: 1 } },
      { id: 4, event: 'log', data: { stream: 'stdout', line: 'b' } },
    ];
    const start = applyFrame(EMPTY, { id: 0, event: 'log', data: { line: 'first' } });
    expect(applyFrames(start, frames)).toEqual(frames.reduce(applyFrame, start));
  });

  it('keeps the newest MAX_LINES lines', () => {
    const frames = Array.from({ length: MAX_LINES + 5 }, (_, i) => ({
      id: i + 1,
      event: 'log',
      data: { line: `line ${i + 1}` },
    }));
    const feed = applyFrames(EMPTY, frames);
    expect(feed.lines).toHaveLength(MAX_LINES);
    expect(feed.lines[0]?.text).toBe('line 6');
    expect(feed.lines.at(-1)?.text).toBe(`line ${MAX_LINES + 5}`);
  });
});

describe('fieldOf', () => {
  it.each([
    ['/model', 'model'],
    ['/weight', 'model'],
    ['/jobTypes/0', 'jobTypes'],
    ['/options/log', 'options'],
    ['/env/TUNE_BANK_PATH', 'bank'],
    ['/env/REPEAT_TUNE', 'repeatTune'],
    ['/timeoutS', 'timeout'],
    ['/tuneOpsFile/tune_ops_name/0', 'tuneOps'],
    ['/colour', 'general'],
    ['content-type', 'general'],
  ])('%s → %s', (pointer, key) => {
    expect(fieldOf(pointer)).toBe(key);
  });
});

describe('parseOptions', () => {
  it('reads name=value lines, bare flags and leading dashes; reports bad lines by number', () => {
    const { options, bad } = parseOptions(
      'log=info\n\n--Fop_format\nbuild_bypass=a=b; c\n1bad=x\n__proto__=y',
    );
    expect(options).toEqual({ log: 'info', Fop_format: '', build_bypass: 'a=b; c' });
    expect(bad).toEqual([5, 6]);
    expect(Object.getPrototypeOf(options)).toBe(Object.prototype);
  });
});

describe('itemKey and tokenFromHash', () => {
  it.each([
    [{ id: 'aoe', status: 'error', message: '', values: { bin: 'aoe' } }, 'aoe.error'],
    [
      { id: 'aoe', status: 'error', message: '', values: { bin: '/x', error: 'exit 1' } },
      'aoe.broken',
    ],
    [{ id: 'bank', status: 'ok', message: '' }, 'bank.unset'],
    [{ id: 'bank', status: 'ok', message: '', values: { path: '/b' } }, 'bank.ok'],
    [{ id: 'ram', status: 'warning', message: '' }, 'ram.warning'],
  ] as const)('%j → %s', (item, key) => {
    expect(itemKey(item)).toBe(key);
  });

  it.each([
    ['#token=abcdefghijklmnop_-1234', 'abcdefghijklmnop_-1234'],
    ['#token=short', null],
    ['#token=abcdefghijklmnopq<script>', null],
    ['#b=xyz', null],
    ['', null],
  ])('%s → %s', (hash, token) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});
