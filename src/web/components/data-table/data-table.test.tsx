// @vitest-environment jsdom
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import '../../i18n/index.ts';
import { fromRows } from './columnar.ts';
import { DataTable, type DataTableColumn } from './data-table.tsx';
import type { TableViewState } from './url-state.ts';

const rows = [
  { name: 'Conv_1', type: 'Conv2D', us: 5 },
  { name: 'Relu_1', type: 'Relu', us: 9 },
];
const data = fromRows(rows, { name: (r) => r.name, type: (r) => r.type, us: (r) => r.us });
const columns: DataTableColumn[] = [
  { id: 'name', header: 'Operator' },
  { id: 'type', header: 'Type', groupable: true },
  { id: 'us', header: 'Time (µs)' },
];

function Search() {
  return <pre data-testid="search">{useLocation().search}</pre>;
}

function renderTable(initial = '/') {
  return render(
    <MemoryRouter initialEntries={[initial]}>
      <DataTable label="Operators" data={data} columns={columns} urlKey="t" />
      <Search />
    </MemoryRouter>,
  );
}

const header = (name: RegExp) => screen.getByRole('columnheader', { name });
const search = () => decodeURIComponent(screen.getByTestId('search').textContent ?? '');

afterEach(cleanup);

describe('DataTable', () => {
  it('sorts from focusable header buttons, Shift adds a column, aria-sort follows', () => {
    renderTable();
    expect(header(/^Time/).getAttribute('aria-sort')).toBe('none');
    const timeButton = screen.getByRole('button', { name: /^Time/ });
    timeButton.focus();
    expect(document.activeElement).toBe(timeButton);
    fireEvent.click(timeButton);
    // Numbers sort biggest first.
    expect(header(/^Time/).getAttribute('aria-sort')).toBe('descending');
    expect(search()).toContain('t.sort=us.desc');
    fireEvent.click(screen.getByRole('button', { name: /^Type/ }), { shiftKey: true });
    expect(search()).toContain('t.sort=us.desc,type.asc');
    expect(header(/^Type/).getAttribute('aria-sort')).toBe('ascending');
  });

  it('restores its view from the URL and writes filters, search and grouping back', () => {
    renderTable('/?t.sort=name.desc&t.f.us=6~&t.q=relu');
    expect(header(/^Operator/).getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByLabelText<HTMLInputElement>('Minimum Time (µs)').value).toBe('6');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search' }).value).toBe('relu');
    expect(screen.getByRole('status').textContent).toBe('1 of 2 rows');

    fireEvent.change(screen.getByLabelText('Filter Type'), { target: { value: 'conv' } });
    expect(search()).toContain('t.f.type=conv');
    expect(screen.getByRole('status').textContent).toBe('0 of 2 rows');
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'type' } });
    expect(search()).toContain('t.group=type');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('status').textContent).toBe('2 of 2 rows');
  });

  it('hides a column from the column menu', () => {
    renderTable();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Type' }));
    expect(screen.queryByRole('columnheader', { name: /^Type/ })).toBeNull();
    expect(search()).toContain('t.hide=type');
  });

  describe('with the view state held by the caller', () => {
    const changes: { next: TableViewState; replace: boolean }[] = [];

    function Controlled({ initial }: { initial: TableViewState }) {
      const [state, setState] = useState(initial);
      return (
        <DataTable
          label="Operators"
          data={data}
          columns={columns}
          urlKey="t"
          viewState={{
            state,
            onChange: (next, replace) => {
              changes.push({ next, replace });
              setState(next);
            },
          }}
        />
      );
    }

    function renderControlled(initial: TableViewState, url = '/') {
      changes.length = 0;
      return render(
        <MemoryRouter initialEntries={[url]}>
          <Controlled initial={initial} />
          <Search />
        </MemoryRouter>,
      );
    }

    const empty: TableViewState = {
      sorting: [],
      filters: {},
      search: '',
      groupBy: null,
      hidden: [],
    };

    it('shows the caller state, reports changes to it and leaves the URL alone', () => {
      // The URL says otherwise: a controlled table does not read it.
      renderControlled(
        { ...empty, sorting: [{ id: 'name', desc: true }], filters: { us: { min: 6, max: null } } },
        '/?t.sort=us.asc&t.q=conv',
      );
      expect(header(/^Operator/).getAttribute('aria-sort')).toBe('descending');
      expect(header(/^Time/).getAttribute('aria-sort')).toBe('none');
      expect(screen.getByRole('status').textContent).toBe('1 of 2 rows');
      expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search' }).value).toBe('');

      fireEvent.click(screen.getByRole('button', { name: /^Time/ }));
      expect(changes.at(-1)).toEqual({
        next: expect.objectContaining({ sorting: [{ id: 'us', desc: true }] }) as unknown,
        replace: false,
      });
      expect(header(/^Time/).getAttribute('aria-sort')).toBe('descending');

      fireEvent.change(screen.getByLabelText('Filter Type'), { target: { value: 'conv' } });
      expect(changes.at(-1)?.replace).toBe(true);
      expect(changes.at(-1)?.next.filters).toEqual({ type: 'conv', us: { min: 6, max: null } });
      expect(screen.getByRole('status').textContent).toBe('0 of 2 rows');

      fireEvent.click(screen.getByRole('checkbox', { name: 'Type' }));
      expect(changes.at(-1)?.next.hidden).toEqual(['type']);
      expect(screen.queryByRole('columnheader', { name: /^Type/ })).toBeNull();
      expect(search()).toBe('?t.sort=us.asc&t.q=conv');
    });

    it('drops what does not fit its columns from a caller state (it may come from a link)', () => {
      renderControlled({
        sorting: [
          { id: '__proto__', desc: true },
          { id: 'us', desc: false },
        ],
        filters: { nope: 'x', name: { min: 1, max: 2 }, us: 'text' } as TableViewState['filters'],
        search: '',
        groupBy: 'us',
        hidden: ['ghost'],
      });
      expect(header(/^Time/).getAttribute('aria-sort')).toBe('ascending');
      expect(screen.getByRole('status').textContent).toBe('2 of 2 rows');
      expect(screen.getAllByRole('columnheader')).toHaveLength(3);
    });
  });

  describe('owned by a caller with its own controls', () => {
    const ops = [
      { name: 'Conv_1', alias: 'conv_fused', type: 'Conv2D', bucket: 'faster', us: 5 },
      { name: 'Relu_1', alias: '', type: 'Relu', bucket: 'slower', us: 9 },
      { name: 'Add_1', alias: '', type: 'Add', bucket: 'unchanged', us: 2 },
    ];
    const opsData = fromRows(ops, {
      name: (r) => r.name,
      alias: (r) => r.alias,
      type: (r) => r.type,
      bucket: (r) => r.bucket,
      us: (r) => r.us,
    });
    const opsColumns: DataTableColumn[] = [
      { id: 'type', header: 'Kind', sortable: false, className: 'wide-only' },
      {
        id: 'name',
        header: 'Operator',
        cellProps: (row) => ({ className: 'op', 'data-sub': ops[row]?.type }),
      },
      {
        id: 'bucket',
        header: 'Change',
        cellProps: (row) => ({ 'data-testid': 'bucket', 'aria-label': `is ${ops[row]?.bucket}` }),
      },
      { id: 'us', header: 'Time (µs)' },
    ];
    const shownCounts: number[] = [];
    // jsdom lays nothing out: give the scroll area a size, so the virtualizer renders rows.
    const realHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
    beforeAll(() => {
      Object.defineProperty(Element.prototype, 'clientHeight', {
        configurable: true,
        get(this: Element) {
          return this.classList.contains('dt-scroll') ? 400 : 0;
        },
      });
    });
    afterAll(() => {
      if (realHeight) Object.defineProperty(Element.prototype, 'clientHeight', realHeight);
    });

    function Owned(props: { state: TableViewState; rowHeight?: number | 'measure' }) {
      return (
        <DataTable
          label="Operators"
          data={opsData}
          columns={opsColumns}
          urlKey="t"
          viewState={{ state: props.state, onChange: () => undefined }}
          hideToolbar
          hideColumnFilters
          searchColumns={['name', 'alias']}
          rowHeight={props.rowHeight}
          rowProps={(row) => ({ 'data-name': ops[row]?.name, className: 'op-row' })}
          onShownChange={(n) => shownCounts.push(n)}
          emptyText="Nothing here"
          className="owned"
          testId="owned"
        />
      );
    }

    const state = (patch: Partial<TableViewState>): TableViewState => ({
      sorting: [{ id: 'us', desc: true }],
      filters: {},
      search: '',
      groupBy: null,
      hidden: [],
      ...patch,
    });
    const renderOwned = (s: TableViewState, rowHeight?: number | 'measure') => {
      shownCounts.length = 0;
      return render(
        <MemoryRouter>
          <Owned state={s} rowHeight={rowHeight} />
        </MemoryRouter>,
      );
    };
    const bodyRows = () =>
      Array.from(screen.getByTestId('owned').querySelectorAll<HTMLElement>('tbody tr'));

    it('shows no toolbar and no filter row, and a plain label for a column that does not sort', () => {
      renderOwned(state({ sorting: [{ id: 'type', desc: false }] }));
      expect(screen.queryByRole('searchbox')).toBeNull();
      expect(screen.queryByRole('status')).toBeNull();
      expect(screen.queryByLabelText('Filter Operator')).toBeNull();
      expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('4');
      const kind = header(/^Kind/);
      expect(kind.querySelector('button')).toBeNull();
      expect(kind.getAttribute('aria-sort')).toBeNull();
      expect(kind.className).toBe('wide-only');
      // A sort on that column (from a link) is not applied: rows stay in data order.
      expect(bodyRows().map((r) => r.dataset['name'])).toEqual(['Conv_1', 'Relu_1', 'Add_1']);
      expect(screen.getByTestId('owned').className).toBe('dt owned');
    });

    it('puts the caller attributes on rows and cells', () => {
      renderOwned(state({}));
      const rows = bodyRows();
      expect(rows.map((r) => r.dataset['name'])).toEqual(['Relu_1', 'Conv_1', 'Add_1']);
      expect(rows[0]?.className).toBe('dt-row op-row');
      const name = rows[0]?.querySelector('td.op');
      expect(name?.getAttribute('data-sub')).toBe('Relu');
      expect(rows[0]?.querySelector('td.wide-only')?.textContent).toBe('Relu');
      expect(screen.getAllByTestId('bucket').map((c) => c.getAttribute('aria-label'))).toEqual([
        'is slower',
        'is faster',
        'is unchanged',
      ]);
    });

    it('filters a text column by a set of values and reports how many rows pass', () => {
      const { rerender } = renderOwned(state({ filters: { bucket: ['faster', 'unchanged'] } }));
      expect(bodyRows().map((r) => r.dataset['name'])).toEqual(['Conv_1', 'Add_1']);
      expect(shownCounts.at(-1)).toBe(2);
      rerender(
        <MemoryRouter>
          <Owned state={state({ filters: { bucket: ['nothing'] } })} />
        </MemoryRouter>,
      );
      expect(shownCounts.at(-1)).toBe(0);
      expect(bodyRows().map((r) => r.textContent)).toEqual(['Nothing here']);
    });

    it('searches the columns it is given, shown or not', () => {
      renderOwned(state({ search: 'FUSED' }));
      expect(bodyRows().map((r) => r.dataset['name'])).toEqual(['Conv_1']);
      cleanup();
      // The type column is shown but not searched.
      renderOwned(state({ search: 'relu' }));
      expect(bodyRows().map((r) => r.dataset['name'])).toEqual(['Relu_1']);
      cleanup();
      renderOwned(state({ search: 'Conv2D' }));
      expect(shownCounts.at(-1)).toBe(0);
    });

    it('measures rows whose text wraps, or gives every row the fixed height', () => {
      renderOwned(state({}), 'measure');
      const measured = bodyRows();
      expect(screen.getByRole('table').classList.contains('dt-wrap')).toBe(true);
      expect(measured.map((r) => r.dataset['index'])).toEqual(['0', '1', '2']);
      expect(measured[0]?.style.height).toBe('');
      cleanup();
      renderOwned(state({}), 40);
      const fixed = bodyRows();
      expect(screen.getByRole('table').classList.contains('dt-wrap')).toBe(false);
      expect(fixed[0]?.style.height).toBe('40px');
      expect(fixed[0]?.dataset['index']).toBeUndefined();
    });
  });

  it('keeps a set-of-values filter in the URL', () => {
    renderTable('/?t.in.type=Relu,Nope');
    expect(screen.getByRole('status').textContent).toBe('1 of 2 rows');
  });
});
