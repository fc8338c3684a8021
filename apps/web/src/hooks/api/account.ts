import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody, UpdateMeBody, User } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders, useSession } from '../../lib/session.tsx';

export function useUpdateProfile() {
  const { headers } = useAuthHeaders();
  const { updateUser } = useSession();
  return useMutation({
    mutationFn: (body: UpdateMeBody) =>
      api<User>('/users/me', { method: 'PATCH', headers, body: JSON.stringify(body) }),
    onSuccess: updateUser,
  });
}

export function useChangePassword() {
  const { headers } = useAuthHeaders();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      api('/users/me/password', { method: 'POST', headers, body: JSON.stringify(body) }),
  });
}

export const sendPhoneCode = (phone: string) =>
  api<{ expiresIn: number; resendAfter: number }>('/auth/otp/send', {
    method: 'POST',
    body: JSON.stringify({ phone }),
  });
