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

/**
 * The token of an account link (email verification, password reset, email change), as the web
 * page the link leads to posts it: in the body, never in a URL the API logs.
 */
const LinkToken = Type.String({ minLength: 20, maxLength: 200 });
export const LinkTokenBody = Type.Object({ token: LinkToken }, { additionalProperties: false });
export type LinkTokenBody = Static<typeof LinkTokenBody>;

export const ForgotPasswordBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }) },
  { additionalProperties: false },
);
export type ForgotPasswordBody = Static<typeof ForgotPasswordBody>;

export const ResetPasswordBody = Type.Object(
  { token: LinkToken, newPassword: Password },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

/** A request taken; whether a mail went out is not said (no account enumeration). */
export const Accepted = Type.Object({ accepted: Type.Literal(true) });
export type Accepted = Static<typeof Accepted>;
