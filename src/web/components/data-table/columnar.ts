// The data the table shows, column by column: numbers in Float64Arrays (NaN = missing) and text
// interned into a dictionary with one Uint32 code per row. Profiler tables arrive in this shape
// already (ProfileTable); small row lists are converted once. A million rows then cost a few typed
// arrays instead of a million objects, and sorting and filtering run over flat arrays.

export interface NumberColumnData {
  readonly kind: 'number';
  readonly values: Float64Array;
}

export interface TextColumnData {
  readonly kind: 'text';
  readonly dict: readonly string[];
  readonly codes: Uint32Array;
}

export type ColumnData = NumberColumnData | TextColumnData;

export interface ColumnarData {
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, ColumnData>>;
}

export function numberColumn(values: Float64Array): NumberColumnData {
  return { kind: 'number', values };
}

export function textColumn(dict: readonly string[], codes: Uint32Array): TextColumnData {
  return { kind: 'text', dict, codes };
}

/** Interns a list of strings into a text column. */
export function internStrings(values: readonly string[]): TextColumnData {
  const dict: string[] = [];
  const index = new Map<string, number>();
  const codes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    let code = index.get(v);
    if (code === undefined) {
      code = dict.length;
      dict.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return textColumn(dict, codes);
}

/** Row objects → columns. Numbers that are null or not finite become NaN (shown as "—"). */
export function fromRows<T>(
  rows: readonly T[],
  spec: Readonly<Record<string, (row: T) => string | number | null>>,
): ColumnarData {
  const columns: Record<string, ColumnData> = Object.create(null) as Record<string, ColumnData>;
  for (const [id, get] of Object.entries(spec)) {
    const first = rows.find((r) => get(r) !== null);
    const isText = first !== undefined && typeof get(first) === 'string';
    if (isText) {
      columns[id] = internStrings(rows.map((r) => String(get(r) ?? '')));
    } else {
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const v = row === undefined ? null : get(row);
        values[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
      }
      columns[id] = numberColumn(values);
    }
  }
  return { rowCount: rows.length, columns };
}

export function cellText(col: ColumnData, row: number): string {
  return col.kind === 'text' ? (col.dict[col.codes[row] ?? 0] ?? '') : String(col.values[row]);
}
