/**
 * First start on an empty database: a demo catalog and one account per role, with generated
 * passwords returned to the caller to print once; on request, new passwords for those accounts.
 * Also bootstraps ADMIN_EMAIL/ADMIN_PASSWORD.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProductsService } from '../products/products.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { now } from '../../platform/db/database.ts';
import { newId } from '../../lib/ids.ts';
import { userDirectory } from '../users/user-directory.ts';
import { seedHistoricOrders, type HistoryServices } from './demo-orders.ts';

/** The services the demo is written through, so it obeys every invariant live data does. */
export interface SeedServices extends HistoryServices {
  auth: Pick<AuthService, 'createUser'>;
  products: Pick<ProductsService, 'create'>;
  notifications: Pick<NotificationsService, 'markAllRead'>;
}

export const CATALOG = [
  { sku: 'TEE-CLASSIC', name: 'Classic cotton T-shirt', priceCents: 1900, stock: 400 },
  { sku: 'HOODIE-ZIP', name: 'Zip hoodie', priceCents: 4900, stock: 150 },
  { sku: 'MUG-ENAMEL', name: 'Enamel camp mug', priceCents: 1400, stock: 300 },
  { sku: 'CAP-SNAP', name: 'Snapback cap', priceCents: 2200, stock: 200 },
  { sku: 'TOTE-CANVAS', name: 'Canvas tote bag', priceCents: 1600, stock: 300 },
  { sku: 'POSTER-A2', name: 'Screen-printed poster, A2', priceCents: 3500, stock: 120 },
  { sku: 'STICKER-PACK', name: 'Sticker pack (10)', priceCents: 800, stock: 900 },
  { sku: 'NOTEBOOK-DOT', name: 'Dotted notebook A5', priceCents: 1200, stock: 300 },
  { sku: 'SOCKS-WOOL', name: 'Merino wool socks', priceCents: 1800, stock: 60 },
  { sku: 'BOTTLE-STEEL', name: 'Insulated steel bottle', priceCents: 2900, stock: 40 },
  { sku: 'APRON-DENIM', name: 'Denim work apron', priceCents: 3900, stock: 90 },
  { sku: 'PRINT-CUSTOM', name: 'Custom print (made to order)', priceCents: 5900, stock: 1000 },
];

const SHOPPERS = [
  'Ada Byron',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
  'Ken Thompson',
  'Margaret Hamilton',
];

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
}

const DEMO_ROLES = ['ADMIN', 'STAFF', 'CUSTOMER'] as const;
const demoEmail = (role: Role) => `${role.toLowerCase()}@demo.igniflo.local`;
const newPassword = () => randomBytes(9).toString('base64url');

export async function seedDemo(db: Db, services: SeedServices): Promise<DemoAccount[]> {
  const { auth, products, notifications } = services;
  if (await userDirectory.any(db)) return [];
  const accounts: DemoAccount[] = DEMO_ROLES.map((role) => ({
    role,
    email: demoEmail(role),
    password: newPassword(),
  }));
  const users = [];
  for (const account of accounts) {
    const user = await auth.createUser({ ...account, name: `Demo ${account.role.toLowerCase()}` });
    // Demo addresses are not real: their month of seeded history must not queue hundreds of mails.
    await userDirectory.update(db, user.id, { email_order_updates: 0, updated_at: now() });
    users.push(user);
  }
  for (const product of CATALOG) {
    await products.create(
      { ...product, description: `${product.name}. Demo catalog item.`, currency: 'USD' },
      null,
    );
  }

  // Shoppers who cannot sign in (no password), so the dashboard has history to show.
  const at = now();
  const shopperIds: string[] = [];
  for (const name of SHOPPERS) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@shoppers.igniflo.local`;
    const row = await userDirectory.create(db, {
      id: newId(),
      email,
      phone: null,
      name,
      role: 'CUSTOMER',
      active: 1,
      password_hash: null,
      created_at: at,
      updated_at: at,
      last_login_at: null,
      email_order_updates: 0,
    });
    shopperIds.push(row.id);
  }
  const customer = users.find((u) => u.role === 'CUSTOMER');
  await seedHistoricOrders(db, services, {
    customerIds: customer ? [...shopperIds, customer.id] : shopperIds,
    staffId: users.find((u) => u.role === 'STAFF')?.id ?? null,
    // Two months: the dashboard's 30 days have 30 days before them to be compared with.
    count: 600,
    days: 60,
  });
  // The demo customer has seen their history: the bell starts quiet.
  if (customer) await notifications.markAllRead(customer.id);
  return accounts;
}

/** The demo accounts this database has; only their first start printed their passwords. */
export async function existingDemoAccounts(db: Db): Promise<{ role: Role; email: string }[]> {
  const found = [];
  for (const role of DEMO_ROLES) {
    if (await userDirectory.byEmail(db, demoEmail(role))) found.push({ role, email: demoEmail(role) });
  }
  return found;
}

/** New generated passwords for the demo accounts that exist, returned to print once; their sessions end. */
export async function resetDemoPasswords(
  db: Db,
  users: Pick<UsersService, 'setPassword'>,
): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const role of DEMO_ROLES) {
    const user = await userDirectory.byEmail(db, demoEmail(role));
    if (!user) continue;
    const password = newPassword();
    await users.setPassword(user.id, password);
    accounts.push({ role, email: demoEmail(role), password });
  }
  return accounts;
}

/** Creates the configured admin once; an existing account with that email is left alone. */
export async function ensureAdmin(db: Db, auth: AuthService, admin: { email: string; password: string }) {
  if (await userDirectory.byEmail(db, admin.email)) return false;
  await auth.createUser({
    email: admin.email,
    password: admin.password,
    name: 'Administrator',
    role: 'ADMIN',
  });
  return true;
}
