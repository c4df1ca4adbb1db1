// Saving exports from the page (components/save-file.ts). Charts are exported from the SVG recharts drew, with the theme's CSS variables resolved (a saved
// SVG has no stylesheet), and as PNG by drawing that SVG on a canvas at twice the screen size.

export { download } from '../../components/save-file.ts';

const VAR = /var\((--[\w-]+)\)/g;

/** The chart's SVG as a standalone document, or null when the chart has not drawn one. */
export function chartSvg(
  container: HTMLElement | null,
): { text: string; width: number; height: number } | null {
  const svg = container?.querySelector('svg.recharts-surface');
  if (!(svg instanceof SVGSVGElement)) return null;
  const styles = getComputedStyle(document.documentElement);
  const resolve = (value: string) =>
    value.replace(
      VAR,
      (_m, name: string) => styles.getPropertyValue(name).trim() || 'currentColor',
    );
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  for (const el of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (attr.value.includes('var(')) el.setAttribute(attr.name, resolve(attr.value));
    }
  }
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', styles.getPropertyValue('--surface').trim() || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  clone.setAttribute('font-family', getComputedStyle(document.body).fontFamily);
  clone.setAttribute('color', styles.getPropertyValue('--fg').trim());
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

export async function svgToPng(
  svg: { text: string; width: number; height: number },
  scale = 2,
): Promise<Blob | null> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('svg image'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * scale;
    canvas.height = svg.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, svg.width, svg.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
