import { useQuery } from '@tanstack/react-query';
import type {
  CreateProductBody,
  ErrorResponse,
  LedgerEntry,
  Product,
  ProductImportResult,
  StockAdjustmentBody,
  UpdateProductBody,
} from '@igniflo/contract';
import { api, ApiError, NetworkError } from '../../lib/api.ts';
import { useChange } from './mutations.ts';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

export const useProducts = (q: string) =>
  usePagedList<Product>(keys.products.list(q), '/products', { q }, { signedIn: false, limit: 24 });

/** One product: for its page, and for pages that look up several (the staff's item editor). */
export const productQuery = (id: string) => ({
  queryKey: keys.products.one(id),
  queryFn: () => api<Product>(`/products/${encodeURIComponent(id)}`),
  retry: false,
});

export const useProduct = (id: string) => useQuery(productQuery(id));

/** Every product, archived ones too, for the admin's product page. */
export const useAdminProducts = (q: string) =>
  usePagedList<Product>(keys.products.manage(q), '/products', {
    q,
    includeArchived: 'true',
  });

const PRODUCT_LISTS = [keys.products.all()] as const;

export const useCreateProduct = () =>
  useChange(
    (body: CreateProductBody, headers) =>
      api<Product>('/products', { method: 'POST', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export const useUpdateProduct = () =>
  useChange(
    ({ id, ...body }: UpdateProductBody & { id: string }, headers) =>
      api<Product>(`/products/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export const useAdjustStock = () =>
  useChange(
    ({ id, ...body }: StockAdjustmentBody & { id: string }, headers) =>
      api<Product>(`/products/${id}/stock`, { method: 'POST', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export interface ArchiveResult {
  product: Product;
  /** Why the server refused, or null when archived. */
  error: string | null;
}

/**
 * Archives each product (DELETE /products/:id archives: the product leaves the catalog and keeps
 * its orders and audit trail). One request each, all at once; answers what worked and what did not.
 */
export const useArchiveProducts = () =>
  useChange(async (products: Product[], headers): Promise<ArchiveResult[]> => {
    const settled = await Promise.allSettled(
      products.map((p) => api<Product>(`/products/${p.id}`, { method: 'DELETE', headers })),
    );
    return settled.map((result, i) => ({
      product: products[i]!,
      error:
        result.status === 'fulfilled'
          ? null
          : result.reason instanceof Error
            ? result.reason.message
            : 'Request failed',
    }));
  }, PRODUCT_LISTS);

/** A product's stock history, newest first (admin). */
export const useProductLedger = (id: string) =>
  usePagedList<LedgerEntry>(keys.products.ledger(id), `/products/${id}/ledger`, {}, { limit: 10 });

/**
 * Sends a products CSV to the import, reporting the upload's progress (0 to 1): XMLHttpRequest,
 * because fetch cannot tell how much of a body has been sent. A file with errors answers 400 with
 * them in its details; that is a result to show, not a failure.
 */
export function uploadProductCsv(
  file: Blob,
  { dryRun, token, onProgress }: { dryRun: boolean; token: string; onProgress: (sent: number) => void },
): Promise<ProductImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/products/import${dryRun ? '?dryRun=true' : ''}`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new NetworkError());
    xhr.onload = () => {
      if (xhr.status === 200) return resolve(xhr.response as ProductImportResult);
      const body = xhr.response as ErrorResponse | null;
      const error = new ApiError(
        xhr.status,
        body?.error.code ?? 'ERROR',
        body?.error.message ?? xhr.statusText,
      );
      const rows = (body?.error.details ?? []) as ProductImportResult['errors'];
      if (xhr.status === 400 && rows.length > 0 && rows.every((e) => typeof e.row === 'number')) {
        resolve({
          dryRun,
          applied: false,
          rows: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          stockAdded: 0,
          stockRemoved: 0,
          errors: rows,
        });
      } else reject(error);
    };
    xhr.send(file);
  });
}
