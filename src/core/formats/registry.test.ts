// The registry is the one list of formats: every list elsewhere is derived from it or checked
// against it here.
import { describe, expect, test } from 'vitest';
import inspectSchema from '../../../schemas/inspect-output.v1.schema.json' with { type: 'json' };
import { ACCEPTED_EXTENSIONS, FORMATS, FORMAT_IDS } from './registry.ts';
import { label } from './detect.ts';

describe('format registry', () => {
  test('ids are unique, and each module names itself in both languages', () => {
    expect(new Set(FORMAT_IDS).size).toBe(FORMATS.length);
    for (const m of FORMATS) {
      expect(m.names.en.length, m.id).toBeGreaterThan(0);
      expect(m.names['zh-CN'].length, m.id).toBeGreaterThan(0);
      expect(label(m.id)).toBe(m.names.phrase);
      expect(m.extensions.length, m.id).toBeGreaterThan(0);
      for (const ext of m.extensions) expect(ext).toMatch(/^\.[a-z0-9]+$/);
    }
  });

  test("inspect's format list is the registry's, plus unknown", () => {
    const e = inspectSchema.$defs.file.properties.format.enum;
    expect([...e].sort()).toEqual([...FORMAT_IDS, 'unknown'].sort());
  });

  test('accepted extensions come from the modules', () => {
    expect(ACCEPTED_EXTENSIONS).toEqual(['.csv', '.db', '.json', '.log', '.out', '.txt']);
  });
});
