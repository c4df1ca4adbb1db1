// A chart in the shared chart frame (with its table fallback), plus SVG and PNG export buttons.
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFrame, type ChartTable } from '../../components/data-table/chart-frame.tsx';
import { chartSvg, download, svgToPng } from './download.ts';
import { COMPARE_NS } from './strings.ts';

export function ChartCard(props: {
  readonly title: string;
  readonly fileStem: string;
  readonly table: ChartTable;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation(COMPARE_NS);
  const ref = useRef<HTMLDivElement>(null);
  const saveSvg = () => {
    const svg = chartSvg(ref.current);
    if (svg) download(`${props.fileStem}.svg`, svg.text, 'image/svg+xml');
  };
  const savePng = async () => {
    const svg = chartSvg(ref.current);
    const png = svg ? await svgToPng(svg) : null;
    if (png) download(`${props.fileStem}.png`, png);
  };
  return (
    <div className="compare-chart" ref={ref}>
      <ChartFrame title={props.title} table={props.table} testId={props.testId}>
        {props.children}
      </ChartFrame>
      <div className="compare-chart-actions">
        <button type="button" onClick={saveSvg} aria-label={`${props.title}: ${t('share.svg')}`}>
          {t('share.svg')}
        </button>
        <button
          type="button"
          onClick={() => void savePng()}
          aria-label={`${props.title}: ${t('share.png')}`}
        >
          {t('share.png')}
        </button>
      </div>
    </div>
  );
}
