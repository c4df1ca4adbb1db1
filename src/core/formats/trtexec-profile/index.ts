// TensorRT `trtexec --exportProfile` JSON: per-layer times, read as a profile (one row per layer,
// its mean time per iteration), so it joins an Ascend profile like the profiler tables do.
// TensorRT names layers, not operator types: the rows have no type (dictionary id 0, as Level0).
import type { ProfileData, ProfileTable } from '../../model/types.ts';
import type { LayerProfile } from '../../measure/model.ts';
import { readTrtexecProfile } from '../../measure/trtexec-profile.ts';
import { sniffTrtexecProfile } from '../../measure/sniff.ts';
import { summarizeTable } from '../../model/profile-aggregate.ts';
import type { DocumentFormatModule, FileContent, ParseContext } from '../types.ts';

export function layerProfileData(layers: LayerProfile, ctx: ParseContext): ProfileData {
  const dict: string[] = [''];
  const index = new Map<string, number>([['', 0]]);
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = dict.length;
      dict.push(s);
      index.set(s, i);
    }
    return i;
  };
  const n = layers.layers.length;
  const table: ProfileTable = {
    rowCount: n,
    dict,
    name: Uint32Array.from(layers.layers, (l) => intern(l.name)),
    type: new Uint32Array(n),
    coreType: new Uint32Array(n).fill(intern('GPU')),
    inputShapes: new Uint32Array(n),
    durationUs: Float64Array.from(layers.layers, (l) => l.averageMs * 1000),
    waitUs: new Float64Array(n).fill(NaN),
    startUs: new Float64Array(n).fill(NaN),
    startBaseUs: null,
  };
  return {
    id: ctx.id,
    fileName: ctx.fileName,
    format: 'trtexec-profile',
    headerSet: 'trtexec-layers',
    columns: ['name', 'timeMs', 'averageMs', 'medianMs', 'percentage'],
    table,
    summary: summarizeTable(table),
  };
}

export const trtexecProfileFormat: DocumentFormatModule<'trtexec-profile'> = {
  id: 'trtexec-profile',
  names: {
    en: 'trtexec --exportProfile (per layer)',
    'zh-CN': 'trtexec --exportProfile 逐层耗时',
    phrase: 'a trtexec --exportProfile file',
  },
  extensions: ['.json'],
  yields: 'profile',
  kind: 'document',
  sniff: sniffTrtexecProfile,
  parse(text, ctx) {
    const r = readTrtexecProfile(
      text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
      ctx.fileName,
    );
    const content = (p: LayerProfile): FileContent => ({
      kind: 'profile',
      profile: layerProfileData(p, ctx),
    });
    if (r.ok) return { ok: true, value: content(r.profile), warnings: r.issues };
    return r.profile
      ? { ok: false, errors: r.issues, partial: content(r.profile) }
      : { ok: false, errors: r.issues };
  },
};
