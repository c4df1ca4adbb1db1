// Two profiles side by side (/profiles/compare?a=<baseline id>&b=<other id>): total operator time
// before and after, the step split when both files have one, the largest changes as diverging
// bars, per operator type and per operator the count / total / mean before and after, Δ and
// share, and the operators found on one side only; CSV and Markdown exports of the same figures.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { profileContentOf } from '../../../core/formats/content.ts';
import { defaultBom } from '../../../core/export/csv.ts';
import {
  profileChangeLabel,
  profileComparisonCsv,
  profileComparisonMarkdown,
} from '../../../core/export/profile-compare.ts';
import type { ChangeStatus, SideFigures } from '../../../core/model/profile-compare.ts';
import { DiffBadge, useChangeSize } from '../../components/charts/diff-badge.tsx';
import { DivergingBars } from '../../components/charts/diverging-bars.tsx';
import { fromRows } from '../../components/data-table/columnar.ts';
import { DataTable, type DataTableColumn } from '../../components/data-table/data-table.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import type { TableViewState } from '../../components/data-table/url-state.ts';
import { SharedBadge, ShareLinkControl } from '../../components/share/share-link.tsx';
import { toBundle } from '../../../core/share/bundle.ts';
import {
  sharedProfileContent,
  sharedProfileOf,
  type SharedProfile,
} from '../../../core/share/profile-bundle.ts';
import { DEFAULT_VIEW, type ViewState } from '../../../core/share/view-state.ts';
import type { ImportedFile, ProfileContent } from '../../../core/formats/types.ts';
import { useAppStore } from '../../store/index.ts';
import { saveText } from './save-text.ts';
import { PCMP_NS } from './compare-strings.ts';
import { compareContents, operatorBars } from './compare-model.ts';
import './profile.css';

const BY_DELTA: Partial<TableViewState> = { sorting: [{ id: 'absDeltaUs', desc: true }] };

const STATUS_KEY: Readonly<Record<ChangeStatus, string>> = {
  both: 'statusBoth',
  new: 'statusNew',
  vanished: 'statusVanished',
};

/** The profile files of the workspace, in the order they were added. */
function useProfileFiles() {
  const ids = useAppStore(
    useShallow((s) => s.order.filter((id) => profileContentOf(s.files[id]) !== null)),
  );
  const names = useAppStore(useShallow((s) => ids.map((id) => s.files[id]?.fileName ?? id)));
  return useMemo(() => ids.map((id, i) => ({ id, fileName: names[i] ?? id })), [ids, names]);
}

const PROFILES_VIEW: ViewState = { ...DEFAULT_VIEW, page: 'profiles', runs: [], baseline: '' };

/** A side of the page: the file's name and content, from the workspace or a shared comparison. */
interface Side {
  readonly fileName: string;
  readonly content: ProfileContent | null;
  /** What sharing this side puts in a link. */
  readonly share: () => SharedProfile | null;
}

function workspaceSide(file: ImportedFile | undefined): Side | null {
  if (!file) return null;
  const content = profileContentOf(file);
  return {
    fileName: file.fileName,
    content,
    share: () => (content ? sharedProfileOf(file, content) : null),
  };
}

/** The profiles a shared comparison opened in this tab (read-only), else none. */
function useSharedProfiles() {
  const profiles = useAppStore((s) => s.shared?.profiles);
  return useMemo(
    () =>
      (profiles ?? []).map((p) => ({
        id: p.id,
        fileName: p.fileName,
        side: { fileName: p.fileName, content: sharedProfileContent(p), share: () => p } as Side,
      })),
    [profiles],
  );
}

export function ProfileComparePage() {
  const { t, i18n } = useTranslation(PCMP_NS);
  const f = useNumberFormats();
  const size = useChangeSize();
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  const ownFiles = useProfileFiles();
  const sharedProfiles = useSharedProfiles();
  const shared = sharedProfiles.length > 0;
  const files = shared ? sharedProfiles : ownFiles;
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const ownA = useAppStore((s) => s.files[a]);
  const ownB = useAppStore((s) => s.files[b]);
  const sideA = useMemo(
    () => (shared ? (sharedProfiles.find((p) => p.id === a)?.side ?? null) : workspaceSide(ownA)),
    [shared, sharedProfiles, a, ownA],
  );
  const sideB = useMemo(
    () => (shared ? (sharedProfiles.find((p) => p.id === b)?.side ?? null) : workspaceSide(ownB)),
    [shared, sharedProfiles, b, ownB],
  );
  const ca = sideA?.content ?? null;
  const cb = sideB?.content ?? null;
  const pair = useMemo(() => (ca && cb ? compareContents(ca, cb) : null), [ca, cb]);
  const c = pair?.comparison ?? null;
  const noType = t('noType');

  const choose = (key: 'a' | 'b', id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id === '') next.delete(key);
        else next.set(key, id);
        return next;
      },
      { replace: true },
    );
  const swap = () =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('a', b);
        next.set('b', a);
        return next;
      },
      { replace: true },
    );

  const bars = useMemo(() => (c ? operatorBars(c, noType) : []), [c, noType]);
  const share = (s: SideFigures | null | undefined) => (s ? s.share * 100 : null);
  const typeData = useMemo(
    () =>
      fromRows(c?.byType ?? [], {
        type: (x) => x.type || noType,
        status: (x) => t(STATUS_KEY[x.status]),
        totalBaseUs: (x) => x.base?.totalUs ?? null,
        totalOtherUs: (x) => x.other?.totalUs ?? null,
        deltaUs: (x) => x.deltaUs,
        absDeltaUs: (x) => Math.abs(x.deltaUs),
        deltaPct: (x) => x.deltaPct,
        countBase: (x) => x.base?.count ?? null,
        countOther: (x) => x.other?.count ?? null,
        shareBase: (x) => share(x.base),
        shareOther: (x) => share(x.other),
      }),
    [c, noType, t],
  );
  const opData = useMemo(
    () =>
      fromRows(c?.operators ?? [], {
        name: (x) => x.name,
        type: (x) => x.type || noType,
        shape: (x) => x.shape ?? '',
        status: (x) => t(STATUS_KEY[x.status]),
        totalBaseUs: (x) => x.base?.totalUs ?? null,
        totalOtherUs: (x) => x.other?.totalUs ?? null,
        deltaUs: (x) => x.deltaUs,
        absDeltaUs: (x) => Math.abs(x.deltaUs),
        deltaPct: (x) => x.deltaPct,
        countBase: (x) => x.base?.count ?? null,
        countOther: (x) => x.other?.count ?? null,
        meanBaseUs: (x) => x.base?.meanUs ?? null,
        meanOtherUs: (x) => x.other?.meanUs ?? null,
        shareBase: (x) => share(x.base),
        shareOther: (x) => share(x.other),
      }),
    [c, noType, t],
  );

  const pctCell = (data: typeof opData, id: string) => (i: number) => {
    const col = data.columns[id];
    const v = col?.kind === 'number' ? (col.values[i] ?? NaN) : NaN;
    return Number.isNaN(v) ? '—' : f.pct(v);
  };
  const deltaCell = (data: typeof opData) => (i: number) => {
    const before = data.columns.totalBaseUs;
    const after = data.columns.totalOtherUs;
    const x = before?.kind === 'number' ? (before.values[i] ?? NaN) : NaN;
    const y = after?.kind === 'number' ? (after.values[i] ?? NaN) : NaN;
    const d = (Number.isNaN(y) ? 0 : y) - (Number.isNaN(x) ? 0 : x);
    return (
      <span title={f.signedUs(d)}>
        <DiffBadge
          label={profileChangeLabel(d)}
          magnitude={
            d === 0
              ? ''
              : Number.isNaN(x) || Number.isNaN(y)
                ? `${f.us(Math.abs(d))} µs`
                : size(x, y)
          }
        />
      </span>
    );
  };
  const common = (data: typeof opData): DataTableColumn[] => [
    { id: 'status', header: t('status'), groupable: true },
    { id: 'countBase', header: t('countBase') },
    { id: 'countOther', header: t('countOther') },
    { id: 'totalBaseUs', header: t('totalBaseUs') },
    { id: 'totalOtherUs', header: t('totalOtherUs') },
    { id: 'deltaUs', header: t('deltaUs'), cell: (i) => signed(data, i) },
    { id: 'absDeltaUs', header: t('change'), cell: deltaCell(data), width: 'minmax(10rem, 1.4fr)' },
    { id: 'shareBase', header: t('shareBase'), cell: pctCell(data, 'shareBase') },
    { id: 'shareOther', header: t('shareOther'), cell: pctCell(data, 'shareOther') },
  ];
  const signed = (data: typeof opData, i: number) => {
    const col = data.columns.deltaUs;
    return f.signedUs(col?.kind === 'number' ? (col.values[i] ?? 0) : 0);
  };
  const typeCols: DataTableColumn[] = [
    { id: 'type', header: t('type'), width: 'minmax(10rem, 2fr)' },
    ...common(typeData),
  ];
  const opCols: DataTableColumn[] = [
    { id: 'name', header: t('name'), width: 'minmax(14rem, 3fr)' },
    { id: 'type', header: t('type'), groupable: true },
    ...(c?.byShape ? [{ id: 'shape', header: t('shape'), width: 'minmax(8rem, 1.5fr)' }] : []),
    ...common(opData),
    { id: 'meanBaseUs', header: t('meanBaseUs') },
    { id: 'meanOtherUs', header: t('meanOtherUs') },
  ];

  const picker = (key: 'a' | 'b', value: string, label: string) => (
    <label className="pcmp-pick">
      <span className="muted">{label}</span>
      <select
        value={files.some((x) => x.id === value) ? value : ''}
        onChange={(e) => choose(key, e.target.value)}
        data-testid={`pcmp-pick-${key}`}
      >
        <option value="">{t('pick')}</option>
        {files.map((x) => (
          <option key={x.id} value={x.id}>
            {x.fileName}
          </option>
        ))}
      </select>
    </label>
  );

  const timelines = [
    ...(ca?.timeline ? [sideA?.fileName ?? a] : []),
    ...(cb?.timeline && b !== a ? [sideB?.fileName ?? b] : []),
  ];
  const nameA = sideA?.fileName ?? a;
  const nameB = sideB?.fileName ?? b;
  const bundle = () => {
    const pa = sideA?.share() ?? null;
    const pb = sideB?.share() ?? null;
    if (!pa || !pb) throw new Error('both profiles are needed to share the comparison');
    return toBundle([], PROFILES_VIEW, new Date().toISOString(), [pa, pb]);
  };
  const stem = 'profile-comparison';
  const body = () => {
    if (files.length < 2) return <p className="muted">{t('needTwo')}</p>;
    if (!ca || !cb || !pair) return <p className="muted">{t('pickBoth')}</p>;
    if (a === b) return <p className="muted">{t('same')}</p>;
    const bd = pair.breakdown;
    if (!c && !bd) return <p className="muted">{t('nothing')}</p>;
    return (
      <>
        {c ? (
          <dl className="profile-figures" data-testid="pcmp-totals">
            <div className="card profile-figure">
              <dt className="muted">{t('totalBase')}</dt>
              <dd data-testid="pcmp-total-base">{f.ms(c.baseTotalUs / 1000)}</dd>
            </div>
            <div className="card profile-figure">
              <dt className="muted">{t('totalOther')}</dt>
              <dd data-testid="pcmp-total-other">{f.ms(c.otherTotalUs / 1000)}</dd>
            </div>
            <div className="card profile-figure">
              <dt className="muted">{t('change')}</dt>
              <dd data-testid="pcmp-total-change">
                <DiffBadge
                  label={profileChangeLabel(c.deltaUs)}
                  magnitude={size(c.baseTotalUs, c.otherTotalUs)}
                  title={`${f.signedUs(c.deltaUs / 1000)} ms`}
                />
              </dd>
            </div>
            <div className="card profile-figure">
              <dt className="muted">{t('onlyOther')}</dt>
              <dd data-testid="pcmp-new">{f.int(c.newOperators)}</dd>
            </div>
            <div className="card profile-figure">
              <dt className="muted">{t('onlyBase')}</dt>
              <dd data-testid="pcmp-vanished">{f.int(c.vanishedOperators)}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{t('noTable')}</p>
        )}
        {c ? (
          <p className="muted" data-testid="pcmp-matching">
            {c.typeless ? t('typeless') : c.byShape ? t('matchedByShape') : t('matchedByName')}
          </p>
        ) : null}
        <ShareLinkControl
          bundle={bundle}
          path={`/profiles/compare${search}`}
          permalinkQuery={search}
        >
          {c ? (
            <>
              <button
                type="button"
                className="button"
                data-testid="pcmp-export-csv"
                onClick={() =>
                  saveText(
                    `${stem}.csv`,
                    profileComparisonCsv(c, { bom: defaultBom(i18n.language) }),
                    'text/csv;charset=utf-8',
                  )
                }
              >
                {t('exportCsv')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="pcmp-export-md"
                onClick={() =>
                  saveText(
                    `${stem}.md`,
                    profileComparisonMarkdown(c, { base: nameA, other: nameB }),
                    'text/markdown;charset=utf-8',
                  )
                }
              >
                {t('exportMd')}
              </button>
            </>
          ) : null}
        </ShareLinkControl>
        {bd ? (
          <section data-testid="pcmp-steps">
            <h2>{t('steps')}</h2>
            <p className="muted">{t('stepsNote')}</p>
            <table className="pcmp-steps">
              <thead>
                <tr>
                  <th>{t('part')}</th>
                  <th>{t('before')}</th>
                  <th>{t('after')}</th>
                  <th>{t('change')}</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['meanStep', bd.base.meanStepUs, bd.other.meanStepUs],
                    ['computing', bd.base.computingUs, bd.other.computingUs],
                    [
                      'communication',
                      bd.base.communicationNotOverlappedUs,
                      bd.other.communicationNotOverlappedUs,
                    ],
                    ['free', bd.base.freeUs, bd.other.freeUs],
                  ] as const
                )
                  .filter(([, x, y]) => x !== null && y !== null)
                  .map(([key, x, y]) => (
                    <tr key={key} data-testid={`pcmp-step-${key}`}>
                      <th scope="row">{t(key)}</th>
                      <td>{f.ms((x ?? 0) / 1000)}</td>
                      <td>{f.ms((y ?? 0) / 1000)}</td>
                      <td>
                        <DiffBadge
                          label={profileChangeLabel((y ?? 0) - (x ?? 0))}
                          magnitude={size(x, y)}
                        />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ) : null}
        {c && bars.length > 0 ? (
          <DivergingBars
            title={t('bars')}
            runNames={[nameA, nameB]}
            items={bars}
            format={(v) => `${f.us(v)} µs`}
            nameHeader={t('barsName')}
            valueHeader={t('barsValue')}
            exportName={`${stem}-bars`}
            testId="pcmp-bars"
          />
        ) : null}
        {c && c.byType.length > 0 ? (
          <>
            <h2>{t('byType')}</h2>
            <DataTable
              label={t('byType')}
              data={typeData}
              columns={typeCols}
              urlKey="ptypes"
              defaults={BY_DELTA}
              height={360}
              testId="pcmp-types"
            />
          </>
        ) : null}
        {c ? (
          <>
            <h2>{t('byName')}</h2>
            <DataTable
              label={t('byName')}
              data={opData}
              columns={opCols}
              urlKey="pops"
              defaults={BY_DELTA}
              height={480}
              testId="pcmp-operators"
            />
          </>
        ) : null}
      </>
    );
  };

  return (
    <section
      className="profile-page pcmp-page"
      data-testid="profile-compare-page"
      data-mode={shared ? 'shared' : 'workspace'}
    >
      <header>
        <h1 className="profile-title">
          {t('title')}
          {shared ? (
            <>
              {' '}
              <SharedBadge />
            </>
          ) : null}
        </h1>
        <p className="muted">{t('intro')}</p>
      </header>
      <div className="pcmp-pickers">
        {picker('a', a, t('base'))}
        <button type="button" className="button" onClick={swap} disabled={!a || !b}>
          {t('swap')}
        </button>
        {picker('b', b, t('other'))}
      </div>
      {body()}
      {timelines.length > 0 ? (
        <p className="muted" data-testid="pcmp-timeline-hint">
          {t('timelineHint', {
            files: timelines.join(', '),
            interpolation: { escapeValue: false },
          })}
        </p>
      ) : null}
    </section>
  );
}
