import { useState, type FormEvent } from 'react';
import { useChangePassword, useUpdateProfile } from '../../hooks/api/account.ts';
import { useSession } from '../../lib/session.tsx';
import { Field } from '../../components/field.tsx';

export function ProfilePage() {
  const { user } = useSession();
  const profile = useUpdateProfile();
  const password = useChangePassword();
  const [form, setForm] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
  });
  const [passwords, setPasswords] = useState({ currentPassword: '', newPassword: '' });
  if (!user) return null;

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    const changes = {
      ...(form.name.trim() !== user.name ? { name: form.name.trim() } : {}),
      ...(form.email.trim() && form.email.trim() !== user.email ? { email: form.email.trim() } : {}),
      ...((form.phone.trim() || null) !== user.phone ? { phone: form.phone.trim() || null } : {}),
    };
    if (Object.keys(changes).length > 0) profile.mutate(changes);
  };
  const changePassword = (event: FormEvent) => {
    event.preventDefault();
    password.mutate(passwords, { onSuccess: () => setPasswords({ currentPassword: '', newPassword: '' }) });
  };

  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      <form onSubmit={saveProfile} className="stack narrow" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <Field
          id="profile-name"
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          autoComplete="name"
          required
          maxLength={100}
        />
        <Field
          id="profile-email"
          label="Email"
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          autoComplete="email"
          maxLength={254}
        />
        <Field
          id="profile-phone"
          label="Phone (international format, e.g. +447700900123)"
          type="tel"
          value={form.phone}
          onChange={(e) => setForm({ ...form, phone: e.target.value })}
          autoComplete="tel"
          pattern="\+[1-9][0-9]{7,14}"
        />
        {profile.error && <p role="alert">{profile.error.message}</p>}
        {profile.isSuccess && <p role="status">Your details are saved.</p>}
        <button type="submit" disabled={profile.isPending}>
          Save details
        </button>
      </form>
      <form onSubmit={changePassword} className="stack narrow" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <Field
          id="current-password"
          label="Current password"
          type="password"
          value={passwords.currentPassword}
          onChange={(e) => setPasswords({ ...passwords, currentPassword: e.target.value })}
          autoComplete="current-password"
          required
        />
        <Field
          id="new-password"
          label="New password (at least 8 characters)"
          type="password"
          value={passwords.newPassword}
          onChange={(e) => setPasswords({ ...passwords, newPassword: e.target.value })}
          autoComplete="new-password"
          minLength={8}
          required
        />
        {password.error && <p role="alert">{password.error.message}</p>}
        {password.isSuccess && <p role="status">Password changed; other devices are signed out.</p>}
        <button type="submit" disabled={password.isPending}>
          Change password
        </button>
      </form>
    </section>
  );
}
