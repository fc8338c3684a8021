import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Return, ReturnStatus } from '@igniflo/contract';
import { RETURN_STATUSES } from '@igniflo/contract/constants';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterSelect } from '../../components/filter-form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ReasonDialog } from '../../components/reason-dialog.tsx';
import { RETURN_STATUS_LABEL } from '../../components/return-badge.tsx';
import { returnColumns } from '../../components/return-list.tsx';
import { Button } from '../../components/ui/button.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useReturnList, useReturnStep } from '../../hooks/api/returns.ts';
import { useUrlFilter } from '../../lib/url-state.ts';
import { ReceiveReturnDialog } from './receive-return-dialog.tsx';

type Step = 'approve' | 'reject' | 'receive' | 'close';

/** The steps staff may take from each status: what the server allows (return-rules.ts), no more. */
const STEPS: Record<ReturnStatus, Step[]> = {
  REQUESTED: ['approve', 'reject'],
  APPROVED: ['receive', 'close'],
  RECEIVED: ['close'],
  REJECTED: [],
  REFUNDED: [],
  CLOSED: [],
};

const STEP_LABEL: Record<Step, string> = {
  approve: 'Approve',
  reject: 'Reject',
  receive: 'Receive…',
  close: 'Close',
};

/** How each note-only step asks, and what its confirmation says. */
const CONFIRM: Record<Exclude<Step, 'receive'>, { title: string; text: string; done: string }> = {
  approve: {
    title: 'Approve',
    text: 'The customer is told to send the items back.',
    done: 'approved',
  },
  reject: {
    title: 'Reject',
    text: 'The customer is told the return was not accepted; the items may be asked for again.',
    done: 'rejected',
  },
  close: {
    title: 'Close',
    text: 'The return ends without a refund: never sent back, or settled another way.',
    done: 'closed',
  },
};

const FILTERS = ['status'] as const;
const STATUS_OPTIONS = [
  { value: '', label: 'Any' },
  ...RETURN_STATUSES.map((s) => ({ value: s, label: RETURN_STATUS_LABEL[s] })),
];

const col = columnsOf<Return>();

/** The queue's columns; `act` opens a step's dialog for a return. */
function queueColumns(act: (ret: Return, step: Step) => void) {
  return col.columns([
    col.accessor((ret) => `${ret.orderNumber} ${ret.number}`, {
      id: 'return',
      header: 'Return',
      meta: { alwaysShown: true },
      cell: ({ row }) => (
        <Link to={`/staff/orders/${row.original.orderId}`}>
          {row.original.orderNumber} · return {row.original.number}
        </Link>
      ),
    }),
    returnColumns.requested,
    returnColumns.items,
    col.accessor((ret) => ret.items.map((item) => item.reason).join(', '), {
      id: 'reasons',
      header: 'Reasons',
    }),
    returnColumns.status,
    col.display({
      id: 'actions',
      header: 'Actions',
      meta: { alwaysShown: true, noCardLabel: true },
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          {STEPS[row.original.status].map((name) => (
            <Button
              key={name}
              size="sm"
              variant={name === 'reject' ? 'destructive-outline' : 'secondary'}
              aria-label={`${STEP_LABEL[name].replace('…', '')} return ${row.original.number} of order ${row.original.orderNumber}`}
              onClick={() => act(row.original, name)}
            >
              {STEP_LABEL[name]}
            </Button>
          ))}
        </span>
      ),
    }),
  ]);
}

/** The returns queue: every return, newest first, by status; approve, reject, receive and close here. */
export function ReturnsQueuePage() {
  const [filter, setFilter] = useUrlFilter(FILTERS);
  const status = RETURN_STATUSES.find((s) => s === filter.status) ?? '';
  const returns = useReturnList({ status });
  const step = useReturnStep();
  const [open, setOpen] = useState<{ ret: Return; step: Step } | null>(null);

  const close = (isOpen: boolean) => {
    if (!isOpen) {
      setOpen(null);
      step.reset();
    }
  };
  const done = (ret: Return, word: string) => {
    setOpen(null);
    notify('success', `Return ${ret.number} of order ${ret.orderNumber} ${word}.`);
  };
  // The actions open this page's dialogs; setOpen never changes, so neither do the columns.
  const columns = useMemo(() => queueColumns((ret, name) => setOpen({ ret, step: name })), []);

  return (
    <section aria-labelledby="returns-queue-title">
      <Link to="/staff" className="text-sm">
        ← Order board
      </Link>
      <PageHeading id="returns-queue-title" title="Returns" />
      <FilterForm filter={filter} onApply={setFilter} submitLabel="Filter">
        <FilterSelect
          id="returns-status"
          label="Status"
          name="status"
          filter={filter}
          options={STATUS_OPTIONS}
        />
      </FilterForm>
      <PagedTable
        list={returns}
        what="returns"
        empty={status ? 'No returns in this status.' : 'No returns yet.'}
        columns={columns}
        caption="Returns, newest first"
        captionHidden
        getRowId={(ret) => ret.id}
      />
      {open?.step === 'receive' && (
        <ReceiveReturnDialog
          ret={open.ret}
          onOpenChange={close}
          pending={step.isPending}
          error={step.error}
          receive={async (body) => {
            await step.mutateAsync({ ret: open.ret, step: 'receive', body });
            done(open.ret, 'received');
          }}
        />
      )}
      {open && open.step !== 'receive' && (
        <ReasonDialog
          key={`${open.ret.id}-${open.step}`}
          open
          onOpenChange={close}
          title={`${CONFIRM[open.step].title} return ${open.ret.number} of order ${open.ret.orderNumber}?`}
          description={CONFIRM[open.step].text}
          label="Note"
          reasonRequired={open.step === 'reject'}
          confirmLabel={`${CONFIRM[open.step].title} return`}
          cancelLabel="Go back"
          destructive={open.step === 'reject'}
          pending={step.isPending}
          error={step.error}
          onConfirm={(note) => {
            const { ret, step: name } = open;
            if (name === 'receive') return;
            step.mutate(
              { ret, step: name, body: note ? { note } : {} },
              { onSuccess: () => done(ret, CONFIRM[name].done) },
            );
          }}
        />
      )}
    </section>
  );
}
