// The two-profile exports on hand-built tables: each expected cell is worked out by hand.
import { describe, expect, test } from 'vitest';
import { sideOf } from '../model/profile-table.test-helpers.ts';
import { breakdownOf, compareProfiles } from '../model/profile-compare.ts';
import { profileComparisonCsv, profileComparisonMarkdown } from './profile-compare.ts';

const side = sideOf;

const BASE = side([
  ['conv1', 'Conv2D', 60],
  ['conv1', 'Conv2D', 20],
  ['=cmd|x', 'Add', 20],
]);
const OTHER = side([
  ['conv1', 'Conv2D', 50],
  ['<img src=x onerror=alert(1)>|', 'Cast', 10],
]);

describe('profile comparison exports', () => {
  test('CSV: one row per type, then per operator, formulas defused', () => {
    const csv = profileComparisonCsv(compareProfiles(BASE, OTHER), { bom: false });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'level,name,type,input_shapes,status,base_count,other_count,base_total_us,other_total_us,' +
        'base_mean_us,other_mean_us,delta_us,delta_pct,base_share_pct,other_share_pct',
    );
    // Conv2D: 80 µs of 100 (2 calls) → 50 of 60 (1 call): −30 µs, −37.5 %, 80 % → 83.33 %.
    expect(lines).toContain('type,,Conv2D,,both,2,1,80,50,40,50,-30,-37.5,80,83.33');
    expect(lines).toContain('operator,conv1,Conv2D,,both,2,1,80,50,40,50,-30,-37.5,80,83.33');
    // The vanished Add: −20 µs, −100 %; its name would be a formula in a spreadsheet.
    expect(lines).toContain("operator,'=cmd|x,Add,,vanished,1,,20,,20,,-20,-100,20,");
    // New Cast: 10 of 60 µs = 16.67 %, no baseline so no percentage.
    expect(lines).toContain(
      'operator,<img src=x onerror=alert(1)>|,Cast,,new,,1,,10,,10,10,,,16.67',
    );
    expect(lines).toHaveLength(1 + 3 + 3);
  });

  test('Markdown: totals and split worded by direction, names escaped', () => {
    const c = compareProfiles(
      {
        ...BASE,
        breakdown: breakdownOf({
          steps: 2,
          computingUs: 800,
          communicationNotOverlappedUs: 100,
          overlappedUs: 0,
          freeUs: 100,
        }),
      },
      {
        ...OTHER,
        breakdown: breakdownOf({
          steps: 2,
          computingUs: 600,
          communicationNotOverlappedUs: 100,
          overlappedUs: 0,
          freeUs: 300,
        }),
      },
    );
    const md = profileComparisonMarkdown(c, { base: 'before.csv', other: 'after.csv' });
    // 100 µs → 60 µs: 40 % faster.
    expect(md).toContain('- Total operator time: 0.100 ms → 0.060 ms (▼ 40.00% faster)');
    expect(md).toContain('- Operators: 1 only in the compared profile, 1 only in the baseline');
    // Mean step 500 µs both sides; free 100 → 300 µs is 3× slower.
    expect(md).toContain('| Mean step | 0.500 | 0.500 | = unchanged |');
    expect(md).toContain('| Free | 0.100 | 0.300 | ▲ 3.00× slower |');
    expect(md).toContain('| Computing | 0.800 | 0.600 | ▼ 25.00% faster |');
    expect(md).toContain('| conv1 | Conv2D | 80.000 | 50.000 | -30.000 | ▼ 37.50% faster |');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;\\|');
    expect(md).not.toContain('<img');
    expect(md).toContain('only in the compared profile |');
  });
});
