/**
 * What each account email says (SPEC §10, §13): the links that prove an address or reset a
 * password, and the security notices. Account mail is not optional: no unsubscribe link.
 */
import type { EmailContent } from './layout.ts';

export const ACCOUNT_TEMPLATES = [
  'verify_email',
  'password_reset',
  'email_change_confirm',
  'email_change_notice',
  'password_changed',
  'phone_changed',
  'invitation',
] as const;
export type AccountTemplate = (typeof ACCOUNT_TEMPLATES)[number];

export interface AccountMessageInput {
  name: string;
  /** The button's target: the link that does the job, or for a notice the way to secure the account. */
  link: string;
  /** What changed, masked where it is an address or a number (n•••@example.com); null when removed. */
  detail?: string | null;
}

export interface RenderedAccountMessage {
  subject: string;
  content: EmailContent;
  /** The footer's line: why this email came. */
  reason: string;
}

const NOT_YOU = 'If this was not you, reset your password now: someone else may know it.';

type Build = (input: AccountMessageInput) => {
  subject: string;
  heading: string;
  paragraphs: string[];
  label: string;
  reason: string;
};

const BUILD: Record<AccountTemplate, Build> = {
  verify_email: () => ({
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    paragraphs: [
      'Please confirm that this is your email address, so that we can reach you about your account and your orders. The link is valid for 24 hours.',
    ],
    label: 'Confirm email address',
    reason:
      'You get this email because an account was created with this address. If it was not you, ignore it.',
  }),
  password_reset: () => ({
    subject: 'Reset your password',
    heading: 'Reset your password',
    paragraphs: [
      'Someone, hopefully you, asked to reset the password of your account. The link is valid for 30 minutes and works once.',
      'If you did not ask, ignore this email: your password stays as it is.',
    ],
    label: 'Choose a new password',
    reason: 'You get this email because a password reset was asked for this address.',
  }),
  email_change_confirm: () => ({
    subject: 'Confirm your new email address',
    heading: 'Confirm your new email address',
    paragraphs: [
      'Follow the link to make this the email address of your account. The link is valid for 24 hours; until then your account keeps its current address.',
    ],
    label: 'Confirm new email address',
    reason: 'You get this email because an account asked to use this address. If it was not you, ignore it.',
  }),
  email_change_notice: ({ detail }) => ({
    subject: 'Your email address is being changed',
    heading: 'Your email address is being changed',
    paragraphs: [
      `Someone signed in to your account asked to change its email address to ${detail ?? 'a new address'}. It changes once the link sent there is followed.`,
      NOT_YOU,
    ],
    label: 'Reset your password',
    reason: 'You get this security notice because of a change to your account.',
  }),
  password_changed: () => ({
    subject: 'Your password was changed',
    heading: 'Your password was changed',
    paragraphs: [
      'The password of your account was just changed, and every other device was signed out.',
      NOT_YOU,
    ],
    label: 'Reset your password',
    reason: 'You get this security notice because of a change to your account.',
  }),
  phone_changed: ({ detail }) => ({
    subject: detail ? 'A phone number was added to your account' : 'Your phone number was removed',
    heading: detail ? 'Your phone number changed' : 'Your phone number was removed',
    paragraphs: [
      detail
        ? `The phone number ${detail} is now on your account: it can sign in with codes sent to it.`
        : 'Your account no longer has a phone number.',
      NOT_YOU,
    ],
    label: 'Reset your password',
    reason: 'You get this security notice because of a change to your account.',
  }),
  invitation: () => ({
    subject: 'You have been invited',
    heading: 'Your account is ready',
    paragraphs: [
      'An administrator made you an account. Choose a password to sign in; the link is valid for 7 days and works once.',
    ],
    label: 'Choose a password',
    reason: 'You get this email because an administrator made an account with this address.',
  }),
};

export function renderAccountMessage(
  template: AccountTemplate,
  input: AccountMessageInput,
): RenderedAccountMessage {
  const built = BUILD[template](input);
  const paragraphs = [`Hello ${input.name},`, ...built.paragraphs];
  return {
    subject: built.subject,
    reason: built.reason,
    content: {
      preview: built.paragraphs[0] ?? built.heading,
      heading: built.heading,
      paragraphs,
      action: { label: built.label, url: input.link },
    },
  };
}
