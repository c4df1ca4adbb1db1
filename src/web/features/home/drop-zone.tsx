// The drop zone: files and whole folders by drag and drop, or by the two pickers ("choose files",
// "choose folder"). It lists the formats it accepts. Everything dropped goes to the ingest worker.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons.tsx';
import { useAppStore } from '../../store/index.ts';
import { ingestFiles } from '../../workers/ingest.ts';
import { collectDropped, collectPicked, dropEntries, type Collected } from './collect-files.ts';
import { HOME_NS } from './strings.ts';
import { ACCEPTED_EXTENSIONS, FORMATS } from '../../../core/formats/registry.ts';
import { FORMATS_NS } from '../../components/format-strings.ts';

/** What the file picker offers: every ending a registered format accepts. */
const ACCEPT = ACCEPTED_EXTENSIONS.join(',');
const CONTENT_KINDS = ['report', 'profile', 'measurement'] as const;
import './drop-zone.css';

export function DropZone() {
  const { t } = useTranslation(HOME_NS);
  const [over, setOver] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);
  const scanning = useAppStore((s) => s.scanning);

  useEffect(() => {
    // Not a React prop: set on the element so the picker selects folders.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const load = async (collecting: Promise<Collected>) => {
    const store = useAppStore.getState();
    store.setScanning(true);
    try {
      const collected = await collecting;
      store.setSkipped(collected.skipped);
      store.setScanning(false);
      if (collected.load.length > 0) await ingestFiles(collected.load);
    } finally {
      store.setScanning(false);
      store.dropSettled();
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void load(collectDropped(dropEntries(event.dataTransfer)));
  };

  const onPicked = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = ''; // picking the same file again must fire `change` again
    if (files.length > 0) void load(collectPicked(files));
  };

  return (
    <section
      className={over ? 'drop-zone card over' : 'drop-zone card'}
      aria-labelledby="drop-zone-label"
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <Icon name="upload" className="drop-zone-icon" />
      <h2 id="drop-zone-label">{t('drop.label')}</h2>
      <div className="drop-zone-buttons">
        <label className="button primary">
          <Icon name="file" /> {t('drop.chooseFiles')}
          <input
            type="file"
            multiple
            className="visually-hidden"
            data-testid="file-input"
            accept={ACCEPT}
            onChange={(e) => onPicked(e.currentTarget)}
          />
        </label>
        <label className="button">
          <Icon name="folder" /> {t('drop.chooseFolder')}
          <input
            ref={folderInput}
            type="file"
            multiple
            className="visually-hidden"
            data-testid="folder-input"
            onChange={(e) => onPicked(e.currentTarget)}
          />
        </label>
      </div>
      <div className="drop-zone-formats">
        <h3>{t('drop.accepts')}</h3>
        <ul>
          {CONTENT_KINDS.map((kind) => (
            <li key={kind}>
              <strong>{t(`drop.kinds.${kind}`)}</strong>:{' '}
              {FORMATS.filter((m) => m.yields === kind)
                .map((m) => t(`${FORMATS_NS}:format.${m.id}`))
                .join(t(`${FORMATS_NS}:separator`))}
            </li>
          ))}
        </ul>
        <p className="muted">{t('drop.folderNote')}</p>
      </div>
      {scanning ? (
        <p role="status" className="muted">
          {t('drop.scanning')}
        </p>
      ) : null}
    </section>
  );
}
