export * from './common.ts';
export * from './users.ts';
export * from './auth.ts';
export * from './products.ts';
export * from './orders.ts';
export * from './live.ts';
export * from './event-stream.ts';
export * from './cart.ts';
