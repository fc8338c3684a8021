import { useMemo, useState, type ReactNode } from 'react';
import {
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  flexRender,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnHelper,
  type OnChangeFn,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from 'lucide-react';
import { cn } from '../lib/cn.ts';
import { writeParams } from '../lib/url-state.ts';
import { ListState, ShowMore, type ListQuery } from './list-state.tsx';
import { Button } from './ui/button.tsx';
import { CheckboxMenu } from './ui/menu.tsx';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
} from './ui/table.tsx';

interface DataColumnMeta {
  /** Left out of the "Columns" menu: the column that names the row, its actions. */
  alwaysShown?: boolean;
  /** Extra classes for the column's cells. */
  cellClassName?: string;
  /** No "label" before the value in the phone's card layout (actions, the row's title). */
  noCardLabel?: boolean;
}

/** What every data table can do; only these parts of TanStack Table are bundled. */
const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: {
    alphanumeric: sortFn_alphanumeric,
    text: sortFn_text,
    datetime: sortFn_datetime,
    basic: sortFn_basic,
  },
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataColumnMeta>(),
});
type Features = typeof features;

/** Column definitions for a DataTable of `T`: `columnsOf<Order>().columns([...])`. */
export const columnsOf = <T extends RowData>() => createColumnHelper<Features, T>();
/** What `columnsOf<T>().columns([...])` answers. */
export type Columns<T extends RowData> = ReturnType<ColumnHelper<Features, T>['columns']>;

/**
 * The sort in the address (`?sort=total&dir=desc`), so a reload or a shared link keeps it. Not a
 * history entry of its own: Back leaves the list rather than unsorting it.
 */
function useUrlSorting(columnIds: string[]): [SortingState, OnChangeFn<SortingState>] {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort');
  const desc = params.get('dir') === 'desc';
  const known = sort !== null && columnIds.includes(sort);
  const sorting = useMemo<SortingState>(() => (known ? [{ id: sort, desc }] : []), [known, sort, desc]);
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const [first] = typeof updater === 'function' ? updater(sorting) : updater;
    setParams(
      (current) =>
        writeParams(current, { sort: first?.id, dir: first ? (first.desc ? 'desc' : 'asc') : undefined }),
      { replace: true },
    );
  };
  return [sorting, onSortingChange];
}

export interface DataTableProps<T extends RowData> {
  data: T[];
  columns: Columns<T>;
  /** Names the table (its caption), for everyone or, with `captionHidden`, for screen readers. */
  caption: string;
  captionHidden?: boolean;
  getRowId: (row: T) => string;
  /**
   * Turns on row selection: names a row for its checkbox, "order AB12CD34EF" giving "Select order
   * AB12CD34EF".
   */
  rowName?: (row: T) => string;
  /** What can be done to the selected rows; `select` sets the selection (e.g. to what failed). */
  bulkActions?: (selected: T[], select: (ids: string[]) => void) => ReactNode;
  /** Header buttons sort by a column, the sort kept in the address. Off for a table within a table's page. */
  sortable?: boolean;
  /** The "Columns" menu; off for a small table inside a panel. */
  columnMenu?: boolean;
}

/**
 * A table of rows: headers that sort (`aria-sort` on the sorted one), a "Columns" menu to hide
 * and show columns, optional row selection with a bulk bar, and a card per row on a phone.
 *
 * Sorting is of the rows loaded so far, in the browser: the API's lists are keyset-paginated
 * newest first and sort by nothing else, so "Show more" adds rows in the server's order and the
 * table sorts them again.
 */
export function DataTable<T extends RowData>({
  data,
  columns,
  caption,
  captionHidden = false,
  getRowId,
  rowName,
  bulkActions,
  sortable = true,
  columnMenu = true,
}: DataTableProps<T>) {
  const allColumns = useMemo(
    () => (rowName ? [selectColumn(rowName), ...columns] : columns),
    [rowName, columns],
  );
  const columnIds = allColumns.map((c) => c.id ?? ('accessorKey' in c ? String(c.accessorKey) : ''));
  const [sorting, onSortingChange] = useUrlSorting(sortable ? columnIds : []);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const table = useTable({
    features,
    data,
    columns: allColumns,
    getRowId,
    state: { sorting, columnVisibility, rowSelection },
    onSortingChange,
    onColumnVisibilityChange: setColumnVisibility,
    onRowSelectionChange: setRowSelection,
    enableSorting: sortable,
    enableRowSelection: Boolean(rowName),
    enableMultiSort: false,
    sortDescFirst: false,
  });
  if (data.length === 0) return null;

  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide() && !c.columnDef.meta?.alwaysShown);
  const menu = columnMenu && hideable.length > 0;
  const select = (ids: string[]) => setRowSelection(Object.fromEntries(ids.map((id) => [id, true])));
  return (
    <div className="my-3 flex flex-col gap-2">
      <div className={cn('flex flex-wrap items-center gap-2', (rowName || menu) && 'min-h-10')}>
        {/* Mounted while empty, so that the count is announced when it appears. */}
        <p role="status" className="m-0 text-sm font-medium">
          {rowName && selected.length > 0 && `${selected.length} of ${data.length} selected`}
        </p>
        {selected.length > 0 && (
          <>
            {bulkActions?.(selected, select)}
            <Button variant="ghost" size="sm" onClick={() => setRowSelection({})}>
              Clear selection
            </Button>
          </>
        )}
        {menu && (
          <CheckboxMenu
            align="end"
            triggerClassName="ml-auto"
            label={
              <>
                <Columns3 aria-hidden="true" /> Columns
              </>
            }
            items={hideable.map((column) => ({
              label: headerText(column.columnDef),
              checked: column.getIsVisible(),
              onCheckedChange: (visible) => column.toggleVisibility(visible),
            }))}
          />
        )}
      </div>
      <TableContainer aria-label={caption}>
        <Table>
          <TableCaption className={captionHidden ? 'sr-only' : undefined}>{caption}</TableCaption>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const isSelect = header.column.id === SELECT;
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                      // On a phone the header row is a strip of sort buttons; the rest shows in each card.
                      className={canSort || isSelect ? undefined : 'max-sm:hidden'}
                    >
                      {canSort ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          className="-mx-3 max-sm:mx-0"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <SortIcon sorted={sorted} />
                        </Button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-state={row.getIsSelected() ? 'selected' : undefined}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <TableCell
                      key={cell.id}
                      label={meta?.noCardLabel ? undefined : headerText(cell.column.columnDef)}
                      className={meta?.cellClassName}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </div>
  );
}

const SELECT = 'select';

function selectColumn<T extends RowData>(rowName: (row: T) => string): ColumnDef<Features, T> {
  return {
    id: SELECT,
    enableSorting: false,
    enableHiding: false,
    meta: { noCardLabel: true, cellClassName: 'w-10' },
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all"
        className="size-4 accent-primary"
        checked={table.getIsAllRowsSelected()}
        ref={(box) => {
          if (box) box.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${rowName(row.original)}`}
        className="size-4 accent-primary"
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  };
}

/** A column's header as text, for the Columns menu and the card layout's labels. */
function headerText<T extends RowData>(column: ColumnDef<Features, T>): string {
  return typeof column.header === 'string' ? column.header : (column.id ?? '');
}

function SortIcon({ sorted }: { sorted: false | 'asc' | 'desc' }) {
  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
  return <Icon aria-hidden="true" className={sorted ? undefined : 'opacity-50'} />;
}

/** A paged list as a table: its loading, error and empty states, the rows, and "Show more". */
export function PagedTable<T extends RowData>({
  list,
  what,
  empty,
  ...table
}: Omit<DataTableProps<T>, 'data'> & { list: ListQuery & { items: T[] }; what: string; empty: ReactNode }) {
  return (
    <>
      <ListState list={list} what={what} empty={empty} />
      <DataTable data={list.items} {...table} />
      <ShowMore list={list} />
    </>
  );
}
