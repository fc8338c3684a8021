import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names. No tailwind-merge (29 KB on every first load): a component's variants are
 * written so that a caller's classes add to them, and a caller that wants another look picks a
 * variant instead of overriding one.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}
