import { Type, type Static } from '@sinclair/typebox';
import { Email, OneTimeCode, Password, Phone, User } from './users.ts';
import { StringEnum, Text } from './common.ts';

/**
 * How the refresh token travels. `json` (the default, for API clients): in the response body.
 * `cookie` (for the web app): in an HttpOnly cookie scoped to /api/v1/auth, never in the body.
 */
export const SessionMode = StringEnum(['json', 'cookie']);
export type SessionMode = Static<typeof SessionMode>;
const mode = { mode: Type.Optional(SessionMode) };

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: Text(100, 1), ...mode },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    ...mode,
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  {
    /** Leave out to use the refresh cookie (same-origin requests only). */
    refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...mode,
  },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBody>;

export const Session = Type.Object({
  user: User,
  accessToken: Type.String(),
  /** Only in `json` mode; in `cookie` mode it is set as an HttpOnly cookie instead. */
  refreshToken: Type.Optional(Type.String()),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
});
export type Session = Static<typeof Session>;

export const OtpSendBody = Type.Object({ phone: Phone }, { additionalProperties: false });
export const OtpSendResponse = Type.Object({
  sent: Type.Literal(true),
  /** Seconds the code stays valid. */
  expiresIn: Type.Integer(),
  /** Seconds before another code may be requested for this phone. */
  resendAfter: Type.Integer(),
});
export type OtpSendResponse = Static<typeof OtpSendResponse>;
export const OtpVerifyBody = Type.Object(
  { phone: Phone, code: OneTimeCode, name: Type.Optional(Text(100, 1)), ...mode },
  { additionalProperties: false },
);
export type OtpVerifyBody = Static<typeof OtpVerifyBody>;
