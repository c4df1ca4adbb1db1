// The live log: virtualized (a tuning run can print hundreds of thousands of lines) and, while
// "follow" is on, kept scrolled to the newest line.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LAUNCH_NS } from './strings.ts';
import type { LogLine } from './use-job-events.ts';

const ROW_PX = 20;

export function JobLog({ lines }: { readonly lines: readonly LogLine[] }) {
  const { t } = useTranslation(LAUNCH_NS);
  const parent = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
  });

  useEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [follow, lines.length, virtualizer]);

  return (
    <div className="launch-log-wrap">
      <div className="launch-section-head">
        <h3>{t('detail.log')}</h3>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
          {t('detail.follow')}
        </label>
      </div>
      <div
        ref={parent}
        className="launch-log"
        role="log"
        aria-live="off"
        aria-label={t('detail.log')}
        tabIndex={0}
        data-lines={lines.length}
      >
        {lines.length === 0 ? (
          <p className="muted">{t('detail.noLines')}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const line = lines[row.index];
              if (!line) return null;
              return (
                <div
                  key={line.seq}
                  className={`launch-log-line${line.stream === 'stderr' ? ' launch-log-stderr' : ''}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_PX,
                    transform: `translateY(${row.start}px)`,
                  }}
                >
                  {line.text}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
