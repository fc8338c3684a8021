/**
 * One-time codes sent by text message: 6 digits, stored as an HMAC, valid 5 minutes, 5 attempts per
 * code, a new code at most every 30 s and 5 per hour for one phone. A code is sent for a purpose —
 * signing in, or attaching the phone to one account — and only works for it. Signing in creates
 * the customer account on first use, or signs into the account that verified that phone.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { now, type Db } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { tooManyRequests, unauthenticated } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { userDirectory } from '../users/user-directory.ts';
import type { AuthService, IssuedSession } from './auth.service.ts';
import type { OtpPurpose } from './otp.table.ts';
import type { SmsSender } from './sms-sender.ts';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_SECONDS = 30;
export const OTP_MAX_PER_HOUR = 5;

const TEXTS: Record<OtpPurpose, (code: string) => string> = {
  sign_in: (code) => `Your Igniflo sign-in code is ${code}. It expires in 5 minutes.`,
  attach_phone: (code) =>
    `Your Igniflo code to add this phone to your account is ${code}. It expires in 5 minutes.`,
};

/** Whom a code is for: sign-in codes for anyone holding the phone, attach codes for one account. */
export type CodeFor = { purpose: 'sign_in' } | { purpose: 'attach_phone'; userId: string };

export type OtpService = ReturnType<typeof createOtpService>;

export function createOtpService(deps: { db: Db; auth: AuthService; sender: SmsSender; secret: string }) {
  const { db } = deps;
  const hashCode = (phone: string, code: string) =>
    createHmac('sha256', deps.secret).update(`otp:${phone}:${code}`).digest();

  async function send(phone: string, client: string, codeFor: CodeFor = { purpose: 'sign_in' }) {
    const nowMs = Date.now();
    const recent = await db
      .selectFrom('otp_codes')
      .select('created_at')
      .where('phone', '=', phone)
      .where('created_at', '>', new Date(nowMs - 3600_000).toISOString())
      .orderBy('id', 'desc')
      .execute();
    const last = recent[0];
    if (last) {
      const wait = OTP_RESEND_SECONDS - (nowMs - Date.parse(last.created_at)) / 1000;
      if (wait > 0)
        throw tooManyRequests('A code was just sent to this phone; wait before asking again', wait);
    }
    if (recent.length >= OTP_MAX_PER_HOUR) {
      const oldest = recent.at(-1)?.created_at ?? last?.created_at ?? new Date(nowMs).toISOString();
      throw tooManyRequests(
        'Too many codes for this phone; try again later',
        3600 - (nowMs - Date.parse(oldest)) / 1000,
      );
    }

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const at = now();
    const { id } = await transaction(db, async (tx) => {
      // Only the newest code of a phone works.
      await tx
        .updateTable('otp_codes')
        .set({ consumed_at: at })
        .where('phone', '=', phone)
        .where('consumed_at', 'is', null)
        .execute();
      return tx
        .insertInto('otp_codes')
        .values({
          phone,
          code_hash: hashCode(phone, code).toString('base64url'),
          attempts: 0,
          expires_at: new Date(nowMs + OTP_TTL_SECONDS * 1000).toISOString(),
          consumed_at: null,
          client,
          purpose: codeFor.purpose,
          user_id: codeFor.purpose === 'attach_phone' ? codeFor.userId : null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
    try {
      await deps.sender.send(phone, TEXTS[codeFor.purpose](code));
    } catch (error) {
      // A code that never left does not count against the phone's limits.
      await db.deleteFrom('otp_codes').where('id', '=', id).execute();
      throw error;
    }
    return { sent: true as const, expiresIn: OTP_TTL_SECONDS, resendAfter: OTP_RESEND_SECONDS };
  }

  /**
   * Spends the phone's newest code if `code` is it and it was sent for `codeFor`; otherwise why
   * not. Every wrong guess counts against the code.
   */
  async function consume(phone: string, code: string, codeFor: CodeFor): Promise<string | null> {
    const at = now();
    const row = await db
      .selectFrom('otp_codes')
      .selectAll()
      .where('phone', '=', phone)
      .where('consumed_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.expires_at <= at) return 'The code has expired or was never sent; request a new one';
    const counted = await db
      .updateTable('otp_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('attempts', '<', OTP_MAX_ATTEMPTS)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    if (counted.numUpdatedRows === 0n) return 'Too many wrong codes; request a new one';
    const expected = Buffer.from(row.code_hash, 'base64url');
    const forThis =
      row.purpose === codeFor.purpose && (codeFor.purpose === 'sign_in' || row.user_id === codeFor.userId);
    if (!timingSafeEqual(expected, hashCode(phone, code)) || !forThis) return 'The code is incorrect';
    const spent = await db
      .updateTable('otp_codes')
      .set({ consumed_at: at })
      .where('id', '=', row.id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return spent.numUpdatedRows === 0n ? 'The code was already used' : null;
  }

  return {
    send,
    consume,

    async verify(phone: string, code: string, name?: string): Promise<IssuedSession> {
      const refused = await consume(phone, code, { purpose: 'sign_in' });
      if (refused) throw unauthenticated(refused);
      const at = now();
      return transaction(db, async (tx) => {
        let user = await userDirectory.byPhone(tx, phone);
        if (user && user.phone_verified_at === null) {
          // Typed into someone's profile but never proved: the phone's holder gets an account of their own.
          await userDirectory.releaseUnverifiedPhone(tx, phone, at);
          user = undefined;
        }
        if (!user) {
          user = await userDirectory.create(tx, {
            id: newId(),
            email: null,
            phone,
            phone_verified_at: at,
            name: name?.trim() ?? 'Customer',
            role: 'CUSTOMER',
            active: 1,
            password_hash: null,
            created_at: at,
            updated_at: at,
            last_login_at: at,
          });
        } else {
          if (user.active !== 1) throw unauthenticated('This account is not active');
          await userDirectory.update(tx, user.id, { last_login_at: at });
        }
        return deps.auth.startSession(user, tx);
      });
    },
  };
}
