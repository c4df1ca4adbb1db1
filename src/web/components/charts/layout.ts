// Pure helpers of the chart kit: shortening names, choosing what a diverging chart draws out of
// thousands of items, and nice axis ticks. No DOM here, so all of it is unit-tested.
import type { DiffLabel } from '../../../core/model/compare.ts';

/**
 * Shortens a name in the middle, keeping its start and its end: CANN operator names share long
 * scope prefixes and differ at the end (`…/layer3/conv2/Conv2D` vs `…/layer4/conv2/Conv2D`).
 */
export function middleEllipsis(name: string, maxChars: number): string {
  const chars = [...name];
  if (chars.length <= maxChars) return name;
  if (maxChars <= 1) return '…';
  const keep = maxChars - 1;
  const head = Math.ceil(keep * 0.4);
  const tail = keep - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

export interface DivergingItem {
  readonly id: string;
  readonly label: string;
  /** Amount saved: positive is a gain (drawn right), negative a loss (drawn left). */
  readonly value: number;
  readonly kind: DiffLabel;
}

export interface DivergingView<T extends DivergingItem> {
  /** Gains (largest first), then losses (smallest first, the largest at the bottom). */
  readonly shown: readonly T[];
  readonly faster: { readonly shown: number; readonly total: number };
  readonly slower: { readonly shown: number; readonly total: number };
  readonly unchanged: number;
  /** Changed items left out of the drawing. */
  readonly hidden: number;
}

/** The `topN` largest gains and the `topN` largest losses, with counts of everything left out. */
export function divergingView<T extends DivergingItem>(
  items: readonly T[],
  topN: number,
): DivergingView<T> {
  const gains = items.filter((i) => i.kind === 'improvement').sort((a, b) => b.value - a.value);
  const losses = items.filter((i) => i.kind === 'regression').sort((a, b) => a.value - b.value);
  const g = gains.slice(0, topN);
  const l = losses.slice(0, topN);
  return {
    shown: [...g, ...l.reverse()],
    faster: { shown: g.length, total: gains.length },
    slower: { shown: l.length, total: losses.length },
    unchanged: items.length - gains.length - losses.length,
    hidden: gains.length - g.length + (losses.length - l.length),
  };
}

/** About `count` round tick values covering [min, max] (1, 2 or 5 × a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Replaces `var(--name)` in exported markup with the value it has on the page now. */
export function resolveCssVars(markup: string, valueOf: (name: string) => string): string {
  return markup.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => valueOf(name) || whole);
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface ExportFrame {
  readonly title: string;
  readonly subtitle: string;
  readonly legend: readonly { readonly label: string; readonly color: string }[];
  /** The chart's own `<svg>` markup and its size. */
  readonly chart: string;
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly font: string;
}

/** One standalone SVG: the title, the run names and the legend above the chart itself. */
export function composeExportSvg(f: ExportFrame): { svg: string; width: number; height: number } {
  const pad = 16;
  const head = 28 + 20 + (f.legend.length > 0 ? 22 : 0) + 8;
  const width = f.width + pad * 2;
  const height = f.height + head + pad * 2;
  let x = pad;
  const legend = f.legend
    .map((l) => {
      const item = `<rect x="${x}" y="${pad + 52}" width="12" height="12" fill="${escapeXml(l.color)}"/><text x="${x + 16}" y="${pad + 62}" fill="${escapeXml(f.foreground)}" font-size="12">${escapeXml(l.label)}</text>`;
      x += 16 + [...l.label].length * 8 + 24;
      return item;
    })
    .join('');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(f.font)}">`,
    `<rect width="100%" height="100%" fill="${escapeXml(f.background)}"/>`,
    `<text x="${pad}" y="${pad + 18}" fill="${escapeXml(f.foreground)}" font-size="16" font-weight="600">${escapeXml(f.title)}</text>`,
    `<text x="${pad}" y="${pad + 40}" fill="${escapeXml(f.muted)}" font-size="12">${escapeXml(f.subtitle)}</text>`,
    legend,
    `<g transform="translate(${pad} ${pad + head})">${f.chart}</g>`,
    '</svg>',
  ].join('');
  return { svg, width, height };
}
