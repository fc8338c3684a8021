/**
 * The one form of an email address that accounts are stored, looked up and rate-limited under:
 * trimmed, Unicode-normalised (NFKC, so look-alike compositions meet) and lower-cased. Every
 * variant of an address is one account and one limiter key.
 */
export const normalizeEmail = (email: string): string => email.trim().normalize('NFKC').toLowerCase();
