import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordBody,
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

export function useUpdateProfile() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: (body: UpdateMeBody) =>
      api<User>('/users/me', { method: 'PATCH', headers, body: JSON.stringify(body) }),
    onSuccess: useAccountChanged(),
  });
}

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
