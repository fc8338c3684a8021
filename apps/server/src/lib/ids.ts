import { v7 } from 'uuid';

/** UUIDv7: unguessable, and sorted by creation time, so keyset pagination on id is chronological. */
export const newId = (): string => v7();
