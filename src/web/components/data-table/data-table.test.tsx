// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
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
});
