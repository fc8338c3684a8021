import { useQuery } from '@tanstack/react-query';
import type { CreateProductBody, Product, StockAdjustmentBody, UpdateProductBody } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
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
