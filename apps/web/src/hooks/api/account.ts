import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Accepted,
  ChangePasswordBody,
  EmailChangePending,
  OtpSendResponse,
  PhoneChangeBody,
  PhoneVerifyBody,
  UpdateMeBody,
  User,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders, useSession } from '../../lib/session.tsx';
import { useObjectUrl } from './media.ts';
import { keys } from './query-keys.ts';

/** The account changed: the session holds the new user, and what follows from its phone is read again. */
function useAccountChanged() {
  const { updateUser } = useSession();
  const client = useQueryClient();
  return (user: User) => {
    updateUser(user);
    void client.invalidateQueries({ queryKey: keys.preferences() });
  };
}

/**
 * A profile change. A new email with email on answers `{ pendingEmail }` (202): the account is read
 * again to show the pending change (and a new name saved with it).
 */
export function useUpdateProfile() {
  const { headers } = useAuthHeaders();
  const changed = useAccountChanged();
  return useMutation({
    mutationFn: (body: UpdateMeBody) =>
      api<User | EmailChangePending>('/users/me', { method: 'PATCH', headers, body: JSON.stringify(body) }),
    onSuccess: async (answer) => changed('id' in answer ? answer : await api<User>('/users/me', { headers })),
  });
}

/** Mails the signed-in account a new link to confirm its email. */
export function useResendVerification() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: () => api<Accepted>('/auth/email/verify/resend', { method: 'POST', headers }),
  });
}

/**
 * The account links mailed by the server (verify an address, reset a password, confirm a new
 * email): the page a link opens posts its token. No sign-in needed; when signed in the session's
 * account is read again, since the link may have changed it.
 */
export function useAccountLink<Body extends { token: string }>(
  path: '/auth/email/verify' | '/auth/email/confirm' | '/auth/password/reset',
) {
  const { headers, enabled } = useAuthHeaders();
  const changed = useAccountChanged();
  return useMutation({
    mutationFn: (body: Body) =>
      api(path, { method: 'POST', ...(enabled ? { headers } : {}), body: JSON.stringify(body) }),
    onSuccess: async () => {
      if (enabled && path !== '/auth/password/reset') changed(await api<User>('/users/me', { headers }));
    },
  });
}

/** Asks for a reset link; always the same answer, whether or not an account has the address. */
export const useForgotPassword = () =>
  useMutation({
    mutationFn: (email: string) =>
      api<Accepted>('/auth/password/forgot', { method: 'POST', body: JSON.stringify({ email }) }),
  });

/** Sets the profile picture from a file; the session's user gets the new avatarUrl. */
export function useSetAvatar() {
  const { headers } = useAuthHeaders();
  const { updateUser } = useSession();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api<User>('/users/me/avatar', { method: 'PUT', headers, body });
    },
    onSuccess: updateUser,
  });
}

export function useRemoveAvatar() {
  const { headers } = useAuthHeaders();
  const { updateUser } = useSession();
  return useMutation({
    mutationFn: () => api<User>('/users/me/avatar', { method: 'DELETE', headers }),
    onSuccess: updateUser,
  });
}

/** The user's picture as a URL an <img> can show, or null while it loads or when there is none. */
export const useAvatarImage = (avatarUrl: string | null) =>
  useObjectUrl(keys.avatar(avatarUrl ?? ''), avatarUrl ?? '', avatarUrl !== null);

export function useChangePassword() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      api('/users/me/password', { method: 'POST', headers, body: JSON.stringify(body) }),
  });
}

/** Texts a code to a new phone; useVerifyPhone attaches the phone once that code is typed in. */
export function useRequestPhoneChange() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: (body: PhoneChangeBody) =>
      api<OtpSendResponse>('/users/me/phone', { method: 'POST', headers, body: JSON.stringify(body) }),
  });
}

export function useVerifyPhone() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: (body: PhoneVerifyBody) =>
      api<User>('/users/me/phone/verify', { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: useAccountChanged(),
  });
}

/** A sign-in code by text message; it also confirms account changes of an account without a password. */
export const sendPhoneCode = (phone: string) =>
  api<OtpSendResponse>('/auth/otp/send', {
    method: 'POST',
    body: JSON.stringify({ phone }),
  });
