import { randomInt } from 'node:crypto';
import { ORDER_NUMBER_ALPHABET } from '@igniflo/contract';

/** 10 random characters from a 32-letter alphabet without 0/O/1/I: 50 bits, read aloud without confusion. */
export function newOrderNumber(): string {
  let number = '';
  for (let i = 0; i < 10; i++) number += ORDER_NUMBER_ALPHABET[randomInt(ORDER_NUMBER_ALPHABET.length)];
  return number;
}

export const isOrderNumber = (value: string) => /^[2-9A-HJ-NP-Z]{10}$/.test(value);
