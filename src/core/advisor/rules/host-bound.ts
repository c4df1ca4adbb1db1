// Many small kernels with the device idle between them: the host cannot launch work as fast as
// the device finishes it, so the model's time is the host's, not the AI Core's. Read from a
// timeline summary (trace_view.json / msprof_*.json, core/formats/timeline): Free time within the
// steps and the launch gaps between consecutive kernels on a stream. Source: FORMATS.md B.7 (the
// profiler's overlap analysis: Computing / Communication / Free), AOE-CLI.md §9.1 (msprof),
// §1.2 (`--input_shape` for static shapes), §7 (TorchAir graph mode), msprof-analyze advisor's
// timeline checks (AOE-CLI.md §11).
import type { AdviceRule, Finding } from '../types.ts';
import { L, pct, us } from '../text.ts';

export const HOST_BOUND_THRESHOLDS = {
  infoFreeShare: {
    value: 0.3,
    doc: 'share of step time the device is Free (neither computing nor communicating) (info)',
  },
  warningFreeShare: { value: 0.5, doc: 'the device idles half the step: host-bound (warning)' },
  smallKernelUs: {
    value: 20,
    doc: 'mean kernel time below which kernels count as small (launch cost rivals the work)',
  },
  minKernels: { value: 20, doc: 'kernels needed before gaps say anything' },
} as const;

export const hostBoundRule: AdviceRule = {
  id: 'host-bound',
  scope: 'timeline',
  title: L('Host-bound: the device waits for launches', 'Host 侧瓶颈：设备在等待下发'),
  thresholds: HOST_BOUND_THRESHOLDS,
  source:
    'FORMATS.md B.7 (overlap analysis Computing/Communication/Free); AOE-CLI.md §9.1, §1.2, §7, §11',
  run(ctx) {
    const out: Finding[] = [];
    for (const tl of ctx.timelines) {
      const b = tl.breakdown;
      if (tl.kernels < HOST_BOUND_THRESHOLDS.minKernels.value || !(b.totalUs > 0)) continue;
      const free = b.freeShare;
      if (free < HOST_BOUND_THRESHOLDS.infoFreeShare.value) continue;
      const meanKernelUs = b.computingUs / tl.kernels;
      const small = meanKernelUs < HOST_BOUND_THRESHOLDS.smallKernelUs.value;
      const warning = free >= HOST_BOUND_THRESHOLDS.warningFreeShare.value;
      const evidence = [
        {
          label: L('device Free time', '设备空闲（Free）时间'),
          value: `${us(b.freeUs)} · ${pct(free)}`,
          ref: { fileId: tl.id, table: 'timeline' as const },
        },
        {
          label: L('Computing', '计算（Computing）'),
          value: `${us(b.computingUs)} · ${pct(b.computeShare)}`,
          ref: { fileId: tl.id, table: 'timeline' as const },
        },
        {
          label: L('kernels, mean time', 'kernel 数量、平均耗时'),
          value: `${tl.kernels} · ${us(meanKernelUs)}`,
          ref: { fileId: tl.id, table: 'timeline' as const },
        },
      ];
      if (tl.gaps.count > 0)
        evidence.push({
          label: L(
            'launch gaps between kernels (p50 / p90 / max)',
            'kernel 间下发间隙（p50 / p90 / max）',
          ),
          value: `${tl.gaps.count} · ${us(tl.gaps.p50Us ?? 0)} / ${us(tl.gaps.p90Us ?? 0)} / ${us(tl.gaps.maxUs ?? 0)}`,
          ref: { fileId: tl.id, table: 'timeline' as const },
        });
      if (b.communicationShare > 0)
        evidence.push({
          label: L('Communication (not overlapped)', '未掩盖的通信时间'),
          value: `${us(b.communicationNotOverlappedUs)} · ${pct(b.communicationShare)}`,
          ref: { fileId: tl.id, table: 'timeline' as const },
        });
      out.push({
        ruleId: hostBoundRule.id,
        severity: warning ? 'warning' : 'info',
        impact: free,
        title: small
          ? L(
              `The device is idle ${pct(free)} of the time between many small kernels: host-bound`,
              `设备 ${pct(free)} 的时间处于空闲，夹在大量小 kernel 之间：Host 侧下发瓶颈`,
            )
          : L(`The device is idle ${pct(free)} of the time`, `设备 ${pct(free)} 的时间处于空闲`),
        evidence,
        why: L(
          'Free time is time the AI Core neither computes nor communicates. With small kernels, each launch (operator dispatch, shape inference, memory allocation on the host) takes about as long as the kernel runs, so a faster kernel does not make the model faster: operator tuning cannot help until the host keeps up.',
          'Free 时间是 AI Core 既不计算也不通信的时间。kernel 很小时，每次下发（Host 侧的算子分发、shape 推导、内存申请）与 kernel 执行耗时相当，算子再快模型也不会更快：在 Host 跟上之前，算子调优无济于事。',
        ),
        action: {
          text: L(
            'Run the model as one static graph instead of operator by operator: convert it to an offline model with fixed shapes (`--input_shape`), or use graph mode (TorchAir) in PyTorch; fuse small operators; batch more work per launch (a larger batch size). Then profile again and compare the Free share.',
            '把模型作为一张静态图整体下发，而不是逐个算子执行：用固定 shape 转换为离线模型（`--input_shape`），或在 PyTorch 中使用图模式（TorchAir）；融合小算子；每次下发更多工作（更大的 batch size）。然后重新采集 Profiling，对比 Free 占比。',
          ),
          command: 'msprof --output=<dir> python3 -m ais_bench --model <model>.om --loop 10',
        },
        fileIds: [tl.id],
      });
    }
    return out;
  },
};
