'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';

/** The server's message in the reader's language (AppError carries vi and en). */
export function errorText(error: unknown, locale: 'vi' | 'en'): string {
  if (error instanceof TRPCClientError) {
    const appError = (error.data as { appError?: { message?: { vi: string; en: string } } } | undefined)?.appError;
    if (appError?.message) return appError.message[locale];
  }
  return error instanceof Error ? error.message : String(error);
}

export function SignInForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const params = useSearchParams();
  const { t, locale } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async ({ home }) => {
        await queryClient.invalidateQueries();
        // A scoped user lands on their own unit unless they came from a page they asked for.
        const next = params.get('next');
        const asked = next && next.startsWith('/') && !next.startsWith('//') && next !== '/' ? next : null;
        router.push(asked ?? home);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username, password });
  };
  return (
    <main className="signin">
      <h1>{t('signIn')}</h1>
      <form onSubmit={submit} className="panel">
        <label>
          {t('username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {signIn.isError ? (
          <p className="form-error" role="alert">
            {errorText(signIn.error, locale)}
          </p>
        ) : null}
        <button type="submit" disabled={signIn.isPending}>
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
