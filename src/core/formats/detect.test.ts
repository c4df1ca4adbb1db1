import { describe, expect, it } from 'vitest';
import { checkHead, detect, detectBytes, HEAD_BYTES } from './detect.ts';
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

describe('files the registry now reads are not "other" files', () => {
  it.each([
    ['trace_view.json', '[{"name":"process_name","ph":"M","pid":1}', 'timeline'],
    ['x.json', '[\n  {"ph": "X", "ts": "1", "pid": 1}', 'timeline'],
    [
      'step_trace_time.csv',
      'Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free\n',
      'step-trace',
    ],
    ['r.json', '{"NPU_compute_time": {"min": 1}}', 'ais_bench-summary'],
    ['t.json', '[{"startEnqMs": 1.5, "endEnqMs": 2}]', 'trtexec-times'],
    ['p.json', '[{"count": 10}, {"name": "conv1"', 'trtexec-profile'],
  ])('%s is read as %s', (name, head, id) => {
    const d = detect(name, head);
    expect(d.kind === 'module' ? d.module.id : d.issues).toBe(id);
    expect(recognizeOther(name, head)).toBeNull();
  });

  it('an SQLite file is picked by its raw bytes, before the binary check', () => {
    const bytes = enc('SQLite format 3\u0000\u0010\u0000');
    const d = detectBytes('ascend_pytorch_profiler_0.db', bytes, bytes.length);
    expect(d.kind === 'module' ? d.module.id : d.issues).toBe('profiler-db');
    const other = detectBytes('x.bin', Uint8Array.from([0x50, 0x4b, 0x00]), 3);
    expect(other.kind === 'none' ? other.issues.map((i) => i.code) : other.module.id).toEqual([
      'BINARY',
    ]);
  });
});

describe('recognizeOther', () => {
  it.each([
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
