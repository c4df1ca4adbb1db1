// Saving a chart as SVG or PNG: the chart's own SVG with the title, run names and legend drawn
// above it, theme colours resolved (a file has no CSS variables), and for PNG the same SVG painted
// on a canvas at twice the size so text stays sharp.
import { composeExportSvg, resolveCssVars } from './layout.ts';

export interface ExportRequest {
  readonly svg: SVGSVGElement;
  readonly title: string;
  readonly subtitle: string;
  readonly legend: readonly { readonly label: string; readonly color: string }[];
  readonly fileName: string;
}

function composed(req: ExportRequest): { svg: string; width: number; height: number } {
  const style = getComputedStyle(req.svg);
  const rootStyle = getComputedStyle(document.documentElement);
  const valueOf = (name: string) => rootStyle.getPropertyValue(name).trim();
  const box = req.svg.getBoundingClientRect();
  const clone = req.svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  const chart = resolveCssVars(new XMLSerializer().serializeToString(clone), valueOf);
  return composeExportSvg({
    title: req.title,
    subtitle: req.subtitle,
    legend: req.legend.map((l) => ({ ...l, color: resolveCssVars(l.color, valueOf) })),
    chart,
    width: Math.round(box.width),
    height: Math.round(box.height),
    background: valueOf('--surface') || '#ffffff',
    foreground: valueOf('--fg') || '#000000',
    muted: valueOf('--muted') || '#555555',
    font: style.fontFamily || 'sans-serif',
  });
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function exportSvg(req: ExportRequest): void {
  const { svg } = composed(req);
  save(new Blob([svg], { type: 'image/svg+xml' }), `${req.fileName}.svg`);
}

export async function exportPng(req: ExportRequest): Promise<void> {
  const { svg, width, height } = composed(req);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) save(blob, `${req.fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
