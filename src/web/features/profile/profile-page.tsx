// "Where the time goes": one profiler table, per operator type (total time, count, share — chart
// and table; a Level0 profile's missing type is labeled), per operator name (every launch summed:
// count, total, mean, max, share), its kernel rows in a virtualized table that stays fast at
// 1,000,000 rows, and the runs that use the profile. It can be shared: the link (or permalink)
// carries the profile's totals per operator, not its rows, and opens this page read-only.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { groupByName } from '../../../core/model/profile-by-name.ts';
import { profilePath, runPath } from '../../components/paths.ts';
import { MissingFile } from '../../components/missing-file.tsx';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { THEMED_TOOLTIP } from '../../components/chart-theme.ts';
import { ChartFrame } from '../../components/data-table/chart-frame.tsx';
import { DataTable, type DataTableColumn } from '../../components/data-table/data-table.tsx';
import { useNumberFormats } from '../../components/number-format.ts';
import type { TableViewState } from '../../components/data-table/url-state.ts';
import { formatLabel } from '../../components/format-label.ts';
import { useAppStore } from '../../store/index.ts';
import { AdvicePanel } from '../../components/advice/advice-panel.tsx';
import { PROFILE_NS } from './strings.ts';
import { PCMP_NS } from './compare-strings.ts';
import {
  metricColumns,
  nameColumns,
  operatorColumns,
  typeBars,
  typeColumns,
} from './view-model.ts';
import './profile.css';
import { profileContentOf, profileOf, reportOf } from '../../../core/formats/content.ts';
import type { ImportedFile } from '../../../core/formats/types.ts';
import { toBundle } from '../../../core/share/bundle.ts';
import { sharedProfileOf } from '../../../core/share/profile-bundle.ts';
import { DEFAULT_VIEW, type ViewState } from '../../../core/share/view-state.ts';
import { SharedBadge, ShareLinkControl } from '../../components/share/share-link.tsx';
import { filesFromSharedProfiles } from '../../store/shared-runs.ts';

const TYPE_DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'totalUs', desc: true }] };
const ROW_DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'durationUs', desc: true }] };
const AGG_DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'totalUs', desc: true }] };
const NAME_DEFAULTS: Partial<TableViewState> = { sorting: [{ id: 'totalUs', desc: true }] };
const PROFILE_VIEW: ViewState = { ...DEFAULT_VIEW, page: 'profile', runs: [], baseline: '' };

/** The profile a shared link or permalink opened in this tab, as a file (read-only), else null. */
function useSharedFile(fileId: string): ImportedFile | null {
  const profiles = useAppStore((s) => s.shared?.profiles);
  return useMemo(() => {
    const p = profiles?.find((x) => x.id === fileId);
    return p ? (filesFromSharedProfiles([p])[0] ?? null) : null;
  }, [profiles, fileId]);
}

/** The runs (report tasks) whose report links this profile, with their pages. */
function UsedBy({ profileId }: { readonly profileId: string }) {
  const { t } = useTranslation(PROFILE_NS);
  const reportIds = useAppStore(
    useShallow((s) =>
      s.order.filter((id) => reportOf(s.files[id]) && s.links[id]?.includes(profileId)),
    ),
  );
  const files = useAppStore((s) => s.files);
  const runs = reportIds.flatMap((id) => {
    const f = files[id];
    return (reportOf(f)?.tasks ?? []).map((task, i) => ({
      key: `${id}/${i}`,
      to: runPath(id, i),
      task: task.name,
      fileName: f?.fileName ?? id,
    }));
  });
  return (
    <section className="profile-used-by" data-testid="profile-used-by">
      <h2>{t('usedBy')}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t('usedByNone')}</p>
      ) : (
        <ul>
          {runs.map((r) => (
            <li key={r.key}>
              <Link to={r.to}>{r.task}</Link> <span className="muted mono">{r.fileName}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ProfilePage() {
  const { fileId = '' } = useParams();
  const { t } = useTranslation(PROFILE_NS);
  const f = useNumberFormats();
  const { search } = useLocation();
  const sharedFile = useSharedFile(fileId);
  const ownFile = useAppStore((s) => s.files[fileId]);
  const shared = sharedFile !== null;
  const file = sharedFile ?? ownFile;
  const hydrated = useAppStore((s) => s.hydrated);
  const profile = profileOf(file) ?? null;

  // Level0 writes N/A as every type; elsewhere a blank type is an odd row (HCCL, AI CPU).
  const noType = profile?.headerSet.includes('level0') ? t('noType') : t('noTypeOther');
  const bars = useMemo(
    () => (profile ? typeBars(profile.summary.byType, noType) : []),
    [profile, noType],
  );
  const types = useMemo(
    () => (profile ? typeColumns(profile.summary.byType, noType) : null),
    [profile, noType],
  );
  const groups = useMemo(() => (profile ? groupByName(profile) : []), [profile]);
  const names = useMemo(() => nameColumns(groups, noType), [groups, noType]);
  const ops = useMemo(() => (profile ? operatorColumns(profile, noType) : null), [profile, noType]);
  const metrics = useMemo(() => (profile ? metricColumns(profile) : []), [profile]);

  const typeCols: DataTableColumn[] = useMemo(
    () => [
      { id: 'type', header: t('type'), width: 'minmax(12rem, 2fr)' },
      { id: 'count', header: t('count') },
      { id: 'totalUs', header: t('totalUs') },
      { id: 'meanUs', header: t('meanUs') },
      {
        id: 'share',
        header: t('share'),
        cell: (i) =>
          f.pct(types?.columns.share?.kind === 'number' ? (types.columns.share.values[i] ?? 0) : 0),
      },
    ],
    [t, f, types],
  );
  const nameCols: DataTableColumn[] = useMemo(
    () => [
      {
        id: 'name',
        header: t('name'),
        width: 'minmax(14rem, 3fr)',
        cell: (i) => (
          <span className="mono" title={groups[i]?.name}>
            {groups[i]?.name}
          </span>
        ),
      },
      { id: 'type', header: t('type'), groupable: true },
      { id: 'count', header: t('count') },
      { id: 'totalUs', header: t('totalUs') },
      { id: 'meanUs', header: t('meanUs') },
      { id: 'maxUs', header: t('maxUs') },
      {
        id: 'share',
        header: t('share'),
        cell: (i) => f.pct((groups[i]?.share ?? 0) * 100),
      },
    ],
    [t, f, groups],
  );
  const opCols: DataTableColumn[] = useMemo(() => {
    const name = { id: 'name', header: t('name'), width: 'minmax(14rem, 3fr)' };
    const type = { id: 'type', header: t('type'), groupable: true };
    const shapes = { id: 'inputShapes', header: t('inputShapes'), width: 'minmax(10rem, 2fr)' };
    if (ops?.kind === 'rows') {
      return [
        name,
        type,
        { id: 'coreType', header: t('coreType'), groupable: true, width: 'minmax(6rem, 1fr)' },
        shapes,
        { id: 'durationUs', header: t('durationUs') },
        { id: 'waitUs', header: t('waitUs') },
        { id: 'startUs', header: t('startUs'), sortDescFirst: false },
        ...metrics.map((m): DataTableColumn => {
          const col = ops.data.columns[m.id];
          const values = col?.kind === 'number' ? col.values : null;
          return {
            id: m.id,
            header: m.column,
            width: 'minmax(8rem, 1fr)',
            // Fractions (0–1) read as percentages, like the utilisation column beside them.
            cell: (i) => {
              const v = values?.[i] ?? NaN;
              return Number.isNaN(v) ? '—' : f.pct(m.unit === 'fraction' ? v * 100 : v);
            },
          };
        }),
      ];
    }
    return [
      name,
      type,
      { id: 'count', header: t('count') },
      { id: 'totalUs', header: t('totalUs') },
      { id: 'meanUs', header: t('meanUs') },
      {
        id: 'share',
        header: t('share'),
        cell: (i) =>
          f.pct(
            ops?.data.columns.share?.kind === 'number'
              ? (ops.data.columns.share.values[i] ?? 0)
              : 0,
          ),
      },
      shapes,
    ];
  }, [t, f, ops, metrics]);

  if (!file || !profile || !types || !ops) {
    return (
      <MissingFile
        hydrated={hydrated}
        className="profile-page"
        loading={t('loading')}
        notFound={t('notFound')}
        back={t('backToWorkspace')}
      />
    );
  }

  const s = profile.summary;
  const bundle = () => {
    const content = profileContentOf(file);
    const p = content ? sharedProfileOf(file, content) : null;
    if (!p) throw new Error('this file cannot be shared as a profile');
    return toBundle([], PROFILE_VIEW, new Date().toISOString(), [p]);
  };
  return (
    <section
      className="profile-page"
      data-testid="profile-page"
      data-mode={shared ? 'shared' : 'workspace'}
    >
      <header>
        <h1 className="profile-title">
          <span className="mono">{file.fileName}</span>
          {shared ? (
            <>
              {' '}
              <SharedBadge />
            </>
          ) : null}
        </h1>
        <p className="muted">{formatLabel(t, file)}</p>
        <ShareLinkControl
          bundle={bundle}
          path={`${profilePath(file.id)}${search}`}
          permalinkQuery={search}
        >
          {shared ? null : (
            <Link
              className="button"
              to={`/profiles/compare?a=${encodeURIComponent(file.id)}`}
              data-testid="profile-compare-with"
            >
              {t('compareWith', { ns: PCMP_NS })}
            </Link>
          )}
        </ShareLinkControl>
      </header>
      <dl className="profile-figures">
        <div className="card profile-figure">
          <dt className="muted">{t('rows')}</dt>
          <dd data-testid="profile-rows">{f.int(s.rows)}</dd>
        </div>
        <div className="card profile-figure">
          <dt className="muted">{t('total')}</dt>
          <dd data-testid="profile-total">{f.ms(s.totalDurationUs / 1000)}</dd>
        </div>
        <div className="card profile-figure">
          <dt className="muted">{t('types')}</dt>
          <dd data-testid="profile-types">{f.int(s.byType.length)}</dd>
        </div>
      </dl>
      {shared ? null : (
        <>
          <UsedBy profileId={file.id} />
          <AdvicePanel profileId={file.id} />
        </>
      )}
      <h2>{t('byType')}</h2>
      {bars.length > 0 ? (
        <ChartFrame
          title={t('byTypeChart', { count: bars.length })}
          testId="type-chart"
          table={{
            columns: [t('type'), t('totalUs'), t('share')],
            rows: bars.map((b) => [b.type, f.us(b.totalUs), f.pct(b.sharePct)]),
          }}
        >
          <BarChart
            responsive
            width="100%"
            height={Math.max(160, 40 + bars.length * 28)}
            data={bars}
            layout="vertical"
            margin={{ left: 8, right: 72, top: 8, bottom: 8 }}
            title={t('byTypeChart', { count: bars.length })}
          >
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis type="number" unit="%" tick={{ fill: 'var(--muted)' }} stroke="var(--border)" />
            <YAxis
              type="category"
              dataKey="type"
              width={160}
              interval={0}
              tick={{ fill: 'var(--fg)', fontSize: 12 }}
              stroke="var(--border)"
            />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? f.pct(v) : String(v))}
              {...THEMED_TOOLTIP}
            />
            <Bar
              dataKey="sharePct"
              name={t('share')}
              fill="var(--accent)"
              isAnimationActive={false}
            >
              <LabelList
                dataKey="sharePct"
                position="right"
                fill="var(--fg)"
                formatter={(v) => (typeof v === 'number' ? f.pct(v) : '')}
              />
            </Bar>
          </BarChart>
        </ChartFrame>
      ) : null}
      <DataTable
        label={t('byType')}
        data={types}
        columns={typeCols}
        urlKey="types"
        defaults={TYPE_DEFAULTS}
        height={360}
        testId="type-table"
      />
      {groups.length > 0 ? (
        <>
          <h2>{t('byName')}</h2>
          <p className="muted">
            {t('byNameHint', { names: f.int(groups.length), rows: f.int(s.rows) })}
          </p>
          <DataTable
            label={t('byName')}
            data={names}
            columns={nameCols}
            urlKey="names"
            defaults={NAME_DEFAULTS}
            height={420}
            testId="profile-by-name"
          />
        </>
      ) : null}
      <h2>{ops.kind === 'rows' ? t('kernelRows') : t('topOperators')}</h2>
      <p className="muted">
        {ops.kind === 'rows' ? t('topOperatorsRows') : t('topOperatorsAggregated')}
      </p>
      {shared ? (
        <p className="muted" data-testid="profile-shared-no-rows">
          {t('sharedNoRows')}
        </p>
      ) : null}
      {metrics.length > 0 ? (
        <p className="muted" data-testid="profile-metrics-note">
          {t('metricsNote', {
            count: metrics.length,
            names: metrics.map((m) => m.column).join(', '),
          })}
        </p>
      ) : null}
      {ops.data.rowCount === 0 ? (
        <p className="muted">{t('noOperators')}</p>
      ) : (
        <DataTable
          label={t('topOperators')}
          data={ops.data}
          columns={opCols}
          urlKey="ops"
          defaults={ops.kind === 'rows' ? ROW_DEFAULTS : AGG_DEFAULTS}
          testId="profile-operators"
        />
      )}
    </section>
  );
}
