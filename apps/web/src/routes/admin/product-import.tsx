import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ProductImportResult } from '@igniflo/contract';
import {
  PRODUCT_CSV_COLUMNS,
  PRODUCT_IMPORT_MAX_BYTES,
  PRODUCT_IMPORT_MAX_ROWS,
} from '@igniflo/contract/constants';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field } from '../../components/ui/field.tsx';
import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
} from '../../components/ui/table.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { uploadProductCsv } from '../../hooks/api/products.ts';
import { keys } from '../../hooks/api/query-keys.ts';
import { useSession } from '../../lib/session.tsx';

const MAX_MIB = PRODUCT_IMPORT_MAX_BYTES / 1024 / 1024;
/** Errors listed at once; the rest are counted. */
const ERRORS_SHOWN = 50;

type Stage =
  | { step: 'idle' }
  | { step: 'sending'; sent: number; dryRun: boolean }
  | { step: 'checked' | 'imported'; result: ProductImportResult }
  | { step: 'failed'; message: string };

/** The import, in a dialog: choose a file, check it (a dry run), then import it if it has no errors. */
export function ProductImport() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Import CSV
      </Button>
      {open && (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Import products from CSV"
          description={`Rows are matched by SKU: a known SKU updates that product, a new one creates it. Columns: ${PRODUCT_CSV_COLUMNS.join(', ')} (the export's). Empty cells leave a field as it is; stock is the count you want. At most ${MAX_MIB} MiB and ${PRODUCT_IMPORT_MAX_ROWS.toLocaleString()} rows.`}
          wide
        >
          <ImportForm close={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}

function ImportForm({ close }: { close: () => void }) {
  const { accessToken } = useSession();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });

  const send = (dryRun: boolean) => {
    if (!file) return;
    setStage({ step: 'sending', sent: 0, dryRun });
    uploadProductCsv(file, {
      dryRun,
      token: accessToken ?? '',
      onProgress: (sent) => setStage({ step: 'sending', sent, dryRun }),
    })
      .then((result) => {
        setStage({ step: dryRun || !result.applied ? 'checked' : 'imported', result });
        if (result.applied) {
          notify('success', `Imported ${summary(result)}.`);
          void client.invalidateQueries({ queryKey: keys.products.all() });
        }
      })
      .catch((error: unknown) =>
        setStage({ step: 'failed', message: error instanceof Error ? error.message : 'The upload failed.' }),
      );
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setStage(
      chosen && chosen.size > PRODUCT_IMPORT_MAX_BYTES
        ? {
            step: 'failed',
            message: `This file is larger than ${MAX_MIB} MiB: split it and import each part.`,
          }
        : { step: 'idle' },
    );
  };

  const sending = stage.step === 'sending';
  const checked = stage.step === 'checked' ? stage.result : null;
  const canImport = checked !== null && checked.dryRun && checked.errors.length === 0;
  return (
    <div className="flex flex-col gap-3">
      <Field id="import-file" label="CSV file">
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={sending}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </Field>
      <div aria-live="polite" className="flex flex-col gap-3">
        {stage.step === 'sending' && <Progress sent={stage.sent} dryRun={stage.dryRun} />}
        {stage.step === 'failed' && (
          <Alert tone="destructive" title="Not imported">
            {stage.message}
          </Alert>
        )}
        {checked && <CheckResult result={checked} />}
        {stage.step === 'imported' && (
          <Alert tone="info" title="Imported">
            {summary(stage.result)}.
          </Alert>
        )}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={close}>
          {stage.step === 'imported' ? 'Done' : 'Cancel'}
        </Button>
        {stage.step !== 'imported' && (
          <Button
            variant={canImport ? 'secondary' : 'default'}
            disabled={!file || sending}
            onClick={() => send(true)}
          >
            Check file
          </Button>
        )}
        {canImport && (
          <Button disabled={sending} onClick={() => send(false)}>
            Import {checked.rows} {checked.rows === 1 ? 'row' : 'rows'}
          </Button>
        )}
      </div>
    </div>
  );
}

/** The upload's progress, then the server's turn, which has no measure of its own. */
function Progress({ sent, dryRun }: { sent: number; dryRun: boolean }) {
  const uploading = sent < 1;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="import-progress" className="text-sm">
        {uploading
          ? `Uploading… ${Math.round(sent * 100)}%`
          : dryRun
            ? 'Checking every row…'
            : 'Importing every row…'}
      </label>
      <progress id="import-progress" className="w-full" max={1} {...(uploading ? { value: sent } : {})} />
    </div>
  );
}

const summary = (r: ProductImportResult) =>
  `${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged; stock +${r.stockAdded} / −${r.stockRemoved}`;

function CheckResult({ result }: { result: ProductImportResult }) {
  if (result.errors.length === 0) {
    return (
      <Alert tone="info" title={`${result.rows} ${result.rows === 1 ? 'row' : 'rows'} checked: no errors`}>
        Importing would make {summary(result)}.
      </Alert>
    );
  }
  const shown = result.errors.slice(0, ERRORS_SHOWN);
  return (
    <>
      <Alert
        tone="warning"
        title={`${result.errors.length} ${result.errors.length === 1 ? 'error' : 'errors'}: nothing imported`}
      >
        Fix the rows below in the file and check it again.
      </Alert>
      <TableContainer className="max-h-72 overflow-y-auto">
        <Table>
          <TableHeader className="max-sm:sr-only">
            <TableRow>
              <TableHead>Row</TableHead>
              <TableHead>Column</TableHead>
              <TableHead>Problem</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((e, i) => (
              <TableRow key={i}>
                <TableCell label="Row">{e.row}</TableCell>
                <TableCell label="Column">{e.field || '—'}</TableCell>
                <TableCell label="Problem">{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {result.errors.length > shown.length && (
        <p className="m-0 text-sm text-muted-foreground">…and {result.errors.length - shown.length} more.</p>
      )}
    </>
  );
}
