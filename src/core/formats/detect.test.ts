import { describe, expect, it } from 'vitest';
import { checkHead, HEAD_BYTES } from './detect.ts';
import { recognizeOther } from './other-known.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('checkHead', () => {
  it.each([
    ['empty file', new Uint8Array(0), 'EMPTY'],
    ['only white space', enc(' \r\n\t \n'), 'EMPTY'],
    ['NUL bytes', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]), 'BINARY'],
    ['GBK bytes', Uint8Array.from([0xb5, 0xf7, 0xd3, 0xc5, 0x0a]), 'NOT_UTF8'],
  ])('rejects %s with %s', (_name, bytes, code) => {
    const r = checkHead(bytes, bytes.length);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe(code);
      expect(r.issue.severity).toBe('error');
    }
  });

  it('says where the binary content starts', () => {
    const r = checkHead(Uint8Array.from([0x41, 0x42, 0x00]), 3);
    expect(r.ok ? null : r.issue.offset).toBe(2);
  });

  it('says where the invalid UTF-8 starts', () => {
    const bytes = Uint8Array.from([...enc('Op Name,调优'), 0xff, 0x41]);
    const r = checkHead(bytes, bytes.length);
    expect(r.ok ? null : r.issue.offset).toBe(enc('Op Name,调优').length);
  });

  it('strips a BOM and keeps UTF-8 text', () => {
    const r = checkHead(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('{"调优":1}')]), 14);
    expect(r).toEqual({ ok: true, head: '{"调优":1}' });
  });

  it('tolerates a multi-byte character cut at the end of the head', () => {
    const text = 'a'.repeat(HEAD_BYTES - 1) + '调'.repeat(10);
    const bytes = enc(text);
    const r = checkHead(bytes, bytes.length);
    expect(r.ok).toBe(true);
  });
});

describe('recognizeOther', () => {
  it.each([
    ['trace_view.json', '[{"name":"process_name","ph":"M"', 'trace-json'],
    ['x.json', '[\n  {"ph": "X", "ts": "1"}', 'trace-json'],
    [
      'step_trace_time.csv',
      'Step,Computing,Communication(Not Overlapped),Overlapped',
      'step-trace-time',
    ],
    ['a.csv', 'Device_id,Level,API Name,Time(us),Count', 'api-statistic'],
    ['a.csv', 'Name,Input Shapes,Call Stack,Host Self Duration(us)', 'operator-details'],
    [
      'task_time_1.csv',
      'Device_id,kernel_name,kernel_type,stream_id,task_id,task_time(us)',
      'task-time',
    ],
    ['profiler_info_0.json', '{"config":{}}', 'profiler-info'],
  ])('%s → %s', (name, head, kind) => {
    expect(recognizeOther(name, head)?.kind).toBe(kind);
  });

  it('does not claim files it does not know', () => {
    expect(recognizeOther('notes.txt', 'hello')).toBeNull();
  });
});
