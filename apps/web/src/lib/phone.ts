import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { browserCountry } from './countries.ts';

/**
 * A phone number as typed ("07700 900123", "+44 7700 900123", "(415) 555-0100") in the E.164 form
 * the API takes, reading a local number in the browser's country; null when it cannot be one. Only
 * the length is checked (isPossible): the drama and test ranges are numbers too, and the server judges.
 */
export function toE164(typed: string, country = browserCountry()): string | null {
  const parsed = parsePhoneNumberFromString(typed.trim(), (country || undefined) as CountryCode | undefined);
  return parsed?.isPossible() ? parsed.number : null;
}

export const PHONE_HINT =
  'Your mobile number, as you would dial it; from abroad, start with + and the country code.';
export const PHONE_INVALID = 'This does not look like a phone number. Try it with + and the country code.';
