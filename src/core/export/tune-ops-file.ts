// AOE's `--tune_ops_file`: a JSON text file `{"tune_ops_name": [...], "tune_ops_type": [...]}`
// that limits operator tuning to the listed operators (AOE-CLI.md §1.2). AOE matches whole words
// against the op names and types of the compiled .om as profiling shows them, and tunes the union
// of both lists, so a listed type widens the run to every operator of that type: types are only
// written when asked for.

export interface TuneOpsFile {
  readonly tune_ops_name: readonly string[];
  readonly tune_ops_type: readonly string[];
}

export interface TuneOpsEntry {
  readonly name: string;
  readonly type: string;
}

export interface TuneOpsOptions {
  /** Also list the entries' operator types (AOE then tunes every operator of those types). */
  readonly includeTypes?: boolean;
}

function uniqueNonEmpty(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    const t = v.trim();
    if (t !== '') seen.add(t);
  }
  return [...seen];
}

export function buildTuneOpsFile(
  entries: readonly TuneOpsEntry[],
  options: TuneOpsOptions = {},
): TuneOpsFile {
  return {
    tune_ops_name: uniqueNonEmpty(entries.map((e) => e.name)),
    tune_ops_type: options.includeTypes ? uniqueNonEmpty(entries.map((e) => e.type)) : [],
  };
}

/** The file's text, ready to save as e.g. `tune_ops.json`. */
export function tuneOpsFileText(
  entries: readonly TuneOpsEntry[],
  options?: TuneOpsOptions,
): string {
  return `${JSON.stringify(buildTuneOpsFile(entries, options), null, 2)}\n`;
}
