// Files that sit next to the ones we read (in PROF_* and *_ascend_pt folders) but that the
// dashboard does not read. Recognising them lets detection say what a file is instead of
// "unknown format", and lets a folder walk skip them quietly.

export interface OtherKnown {
  readonly kind: string;
  readonly label: string;
}

interface Rule extends OtherKnown {
  readonly name?: RegExp;
  readonly header?: RegExp;
  readonly content?: RegExp;
}

const RULES: readonly Rule[] = [
  {
    kind: 'api-statistic',
    label: 'an api_statistic table',
    header: /^(Device_id,)?Level,API Name,Time\(us\)/,
  },
  {
    kind: 'operator-details',
    label: 'a torch_npu operator_details table',
    header: /^Name,Input Shapes,Call Stack,Host Self Duration\(us\)/,
  },
  {
    kind: 'task-time',
    label: 'an msprof task_time table',
    header: /^(Device_id,)?kernel_name,kernel_type,stream_id,task_id/,
  },
  {
    kind: 'memory',
    label: 'a profiler memory table',
    name: /^(memory_record|operator_memory|npu_module_mem|npu_mem.*)\.csv$/,
  },
  { kind: 'l2-cache', label: 'an L2 cache table', name: /^l2_cache(_\d+)?\.csv$/ },
  {
    kind: 'communication-json',
    label: 'an HCCL communication analysis',
    name: /^communication(_matrix)?\.json$/,
  },
  {
    kind: 'profiler-info',
    label: 'torch_npu profiler metadata',
    name: /^(profiler_info(_\d+)?|profiler_metadata)\.json$/,
  },
];

export function recognizeOther(fileName: string, head: string): OtherKnown | null {
  const firstLine = head.slice(0, head.search(/\r?\n|$/));
  for (const r of RULES) {
    if (r.header?.test(firstLine) || r.content?.test(head) || r.name?.test(fileName)) {
      return { kind: r.kind, label: r.label };
    }
  }
  return null;
}
