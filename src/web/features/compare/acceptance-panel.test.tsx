// @vitest-environment jsdom
// The compare page's measured table, fed the way the measurement wiring will feed it: a
// MeasuredInputs by run id plus the GPU baseline. Figures are worked out by hand.
import { afterEach, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import '../../i18n/index.ts';
import './strings.ts';
import { buildComparison } from '../../../core/model/comparison.ts';
import { NO_STATS, type Measurement } from '../../../core/measure/model.ts';
import { op, run } from '../../../core/model/compare.test-helpers.ts';
import { MeasuredTable } from './acceptance-panel.tsx';

afterEach(cleanup);

const m = (values: number[], tool: Measurement['tool'] = 'ais_bench'): Measurement => ({
  tool,
  source: 'ais_bench-summary-json',
  toolVersion: null,
  batchSize: 1,
  latencyMs: { ...NO_STATS, count: values.length },
  throughputPerS: null,
  throughputUnit: null,
  iterationsMs: Float64Array.from(values),
  model: null,
  device: null,
  derived: [],
});

const base = run('b', { tunedMs: 100, operators: [op('A', 1)] }, { label: 'before' });
const tuned = run('t', { tunedMs: 94, operators: [op('A', 1)] }, { label: 'after' });

it('shows nothing without measurements', () => {
  const { container } = render(<MeasuredTable comparison={buildComparison([base, tuned], base)} />);
  expect(container.innerHTML).toBe('');
});

it('shows measured mean / median / P95 / P99 per run and the GPU baseline', async () => {
  await i18next.changeLanguage('en');
  // before 10…14 (mean 12, P95 13.8, P99 13.96); after 9, 10, 10, 11, 15 (mean 11, median 10);
  // GPU 12 ×5. After vs before: 1/12 = 8.33 % faster; vs GPU the same.
  const c = buildComparison([base, tuned], base, undefined, undefined, {
    runs: new Map([
      ['b', m([10, 11, 12, 13, 14])],
      ['t', m([9, 10, 10, 11, 15])],
    ]),
    gpu: m([12, 12, 12, 12, 12], 'trtexec'),
  });
  render(<MeasuredTable comparison={c} />);
  const rows = within(screen.getByTestId('measured-table')).getAllByRole('row');
  expect(rows.map((r) => r.textContent)).toEqual([
    'RoleRunMeasured withIterationsMean (ms)Median (ms)P95 (ms)P99 (ms)Mean vs baselineMean vs GPU',
    'GPU baselineGPU baselinetrtexec512.00012.00012.00012.000——',
    'Baseline (before tuning)beforeais_bench512.00012.00013.80013.960—unchanged',
    'Tunedafterais_bench511.00010.00014.20014.840faster by 8.33%faster by 8.33%',
  ]);
});
