// The workspace page: the demo banner, the drop zone, files being loaded, skipped files, and the
// loaded files with their format, issues and links to the run and profile pages.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/icons.tsx';
import { useAppStore } from '../../store/index.ts';
import { loadDemo } from '../../workers/demo.ts';
import { cancelAllIngest } from '../../workers/ingest.ts';
import { DropZone } from './drop-zone.tsx';
import { FileCard } from './file-card.tsx';
import { IngestProgress } from './ingest-progress.tsx';
import { focusFileCard, RemovedToast } from './removed-toast.tsx';
import { SkippedList } from './skipped-list.tsx';
import { HOME_NS } from './strings.ts';
import './home.css';

function DemoBanner() {
  const { t } = useTranslation(HOME_NS);
  const demo = useAppStore((s) => s.demo);
  const loading = useAppStore((s) => s.demoLoading);
  const clearDemo = useAppStore((s) => s.clearDemo);
  if (loading && !demo) {
    return (
      <p className="demo-banner card" role="status">
        {t('demo.loading')}
      </p>
    );
  }
  if (!demo) return null;
  return (
    <section className="demo-banner card" data-testid="demo-banner" aria-label={t('demo.banner')}>
      <span className="badge badge-demo">{t('demo.banner')}</span>
      <p>{t('demo.text')}</p>
      <button type="button" onClick={clearDemo}>
        <Icon name="trash" /> {t('demo.clear')}
      </button>
    </section>
  );
}

function FileList() {
  const { t } = useTranslation(HOME_NS);
  const files = useAppStore(
    useShallow((s) => s.order.flatMap((id) => (s.files[id] ? [s.files[id]] : []))),
  );
  const demoIds = useAppStore((s) => s.demoIds);
  const clearWorkspace = useAppStore((s) => s.clearWorkspace);
  const hydrated = useAppStore((s) => s.hydrated);
  // The user's own files come first, the demo files after them under their own heading.
  const own = files.filter((f) => !demoIds.includes(f.id));
  const demo = files.filter((f) => demoIds.includes(f.id));
  // A file the user adds (or puts back) is scrolled to and focused, wherever it lands.
  const seen = useRef<ReadonlySet<string> | null>(null);
  const ownIds = own.map((f) => f.id).join('\n');
  useEffect(() => {
    if (!hydrated) return;
    const ids = ownIds === '' ? [] : ownIds.split('\n');
    const before = seen.current;
    seen.current = new Set(ids);
    if (before === null) return;
    const added = ids.find((id) => !before.has(id));
    if (added !== undefined) focusFileCard(added);
  }, [ownIds, hydrated]);
  return (
    <section className="file-list" aria-labelledby="file-list-title">
      <div className="file-list-header">
        <h2 id="file-list-title">
          {t('files.title')}{' '}
          <span className="muted">{t('files.count', { count: files.length })}</span>
        </h2>
        {files.length > 0 ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (!globalThis.confirm(t('files.confirmClear'))) return;
              cancelAllIngest();
              clearWorkspace();
            }}
          >
            <Icon name="trash" /> {t('files.clear')}
          </button>
        ) : null}
      </div>
      {!hydrated ? (
        <p className="muted empty-files" role="status">
          {t('files.restoring')}
        </p>
      ) : files.length === 0 ? (
        <div className="empty-files">
          <p className="muted">{t('files.empty')}</p>
          <button type="button" onClick={() => void loadDemo()}>
            {t('demo.load')}
          </button>
        </div>
      ) : (
        <>
          {own.map((file) => (
            <FileCard key={file.id} file={file} demo={false} />
          ))}
          {own.length > 0 && demo.length > 0 ? (
            <h3 className="file-list-demo-title muted">{t('files.demoTitle')}</h3>
          ) : null}
          {demo.map((file) => (
            <FileCard key={file.id} file={file} demo />
          ))}
        </>
      )}
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation(HOME_NS);
  return (
    <main className="home-page" data-testid="home-page">
      <h1>{t('title')}</h1>
      <p className="muted home-intro">{t('intro')}</p>
      <DemoBanner />
      <DropZone />
      <IngestProgress />
      <SkippedList />
      <FileList />
      <RemovedToast />
    </main>
  );
}
