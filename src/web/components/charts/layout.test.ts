import { describe, expect, test } from 'vitest';
import {
  composeExportSvg,
  divergingView,
  middleEllipsis,
  niceTicks,
  resolveCssVars,
  type DivergingItem,
} from './layout.ts';

describe('middleEllipsis', () => {
  test.each([
    ['Conv_7', 10, 'Conv_7'],
    ['resnet_v1_50/block3/unit_5/bottleneck_v1/conv2/Conv2D', 20, 'resnet_v…onv2/Conv2D'],
    ['abcdef', 1, '…'],
  ])('%s at %i → %s', (name, max, out) => {
    expect(middleEllipsis(name, max)).toBe(out);
    expect([...middleEllipsis(name, max)].length).toBeLessThanOrEqual(Math.max(max, 1));
  });
  test('keeps the end, where CANN names differ', () => {
    const a = middleEllipsis('model/encoder/layer_10/attention/self/query/MatMul', 24);
    expect(a.endsWith('query/MatMul')).toBe(true);
  });
});

describe('divergingView', () => {
  const items: DivergingItem[] = Array.from({ length: 2000 }, (_, i) => ({
    id: String(i),
    label: `Op_${i}`,
    // 1400 gains, 560 losses, 40 unchanged.
    value: i < 1400 ? i + 1 : i < 1960 ? -(i - 1399) : 0,
    kind: i < 1400 ? 'improvement' : i < 1960 ? 'regression' : 'neutral',
  }));

  test('draws the top N each way and counts what is hidden', () => {
    const v = divergingView(items, 20);
    expect(v.shown).toHaveLength(40);
    expect(v.faster).toEqual({ shown: 20, total: 1400 });
    expect(v.slower).toEqual({ shown: 20, total: 560 });
    expect(v.unchanged).toBe(40);
    expect(v.hidden).toBe(1400 + 560 - 40);
    // Largest gain first, largest loss last.
    expect(v.shown[0]?.value).toBe(1400);
    expect(v.shown.at(-1)?.value).toBe(-560);
  });

  test('with fewer items than N, every changed item is drawn', () => {
    const v = divergingView(items.slice(1395, 1402), 20);
    expect(v.shown.map((s) => s.kind)).toEqual([
      'improvement',
      'improvement',
      'improvement',
      'improvement',
      'improvement',
      'regression',
      'regression',
    ]);
    expect(v.hidden).toBe(0);
  });
});

describe('niceTicks', () => {
  test.each([
    [113.1, 113.7, 5, [113.2, 113.4, 113.6]],
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [-50, 120, 4, [-50, 0, 50, 100]],
  ])('%d…%d', (min, max, count, ticks) => expect(niceTicks(min, max, count)).toEqual(ticks));
});

describe('export', () => {
  test('CSS variables are replaced by their values', () => {
    expect(resolveCssVars('<rect fill="var(--better)"/>', () => '#0a63c9')).toBe(
      '<rect fill="#0a63c9"/>',
    );
  });
  test('the exported SVG carries the title, the run names and the legend, escaped', () => {
    const { svg, width, height } = composeExportSvg({
      title: 'Gains <top>',
      subtitle: 'Run: resnet50 & co',
      legend: [{ label: '▼ faster', color: '#00f' }],
      chart: '<svg width="100" height="50"></svg>',
      width: 100,
      height: 50,
      background: '#fff',
      foreground: '#000',
      muted: '#666',
      font: 'sans-serif',
    });
    expect(svg).toContain('Gains &#60;top&#62;');
    expect(svg).toContain('Run: resnet50 &#38; co');
    expect(svg).toContain('▼ faster');
    expect(width).toBe(132);
    expect(height).toBeGreaterThan(50);
  });
});
