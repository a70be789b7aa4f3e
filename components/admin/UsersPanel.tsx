'use client';
/** Accounts within the administrator's scope: create one, sign one out everywhere, disable or enable it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role } from '../wireTypes';
import { errorText } from '../auth/SignInForm';
import { formatDateTime, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { ROLE_LABEL } from './roleLabels';

const ROLES: Role[] = ['admin', 'leader', 'planner', 'province_staff', 'commune_staff'];

export function UsersPanel({ me }: { me: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, locale } = useLocale();
  const users = useQuery(trpc.users.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const disable = useMutation(
    trpc.users.disable.mutationOptions({
      onSuccess: (r, v) => setNotice(t('adminDisabledDone', { name: v.username, n: r.sessionsEnded })),
      onSettled: refresh,
    }),
  );
  const enable = useMutation(
    trpc.users.enable.mutationOptions({ onSuccess: (_r, v) => setNotice(t('adminEnabledDone', { name: v.username })), onSettled: refresh }),
  );
  const signOut = useMutation(
    trpc.users.signOutEverywhere.mutationOptions({
      onSuccess: (r, v) => setNotice(t('adminSignedOutDone', { name: v.username, n: r.sessionsEnded })),
      onSettled: refresh,
    }),
  );
  const failed = disable.error ?? enable.error ?? signOut.error;
  const busy = disable.isPending || enable.isPending || signOut.isPending;

  return (
    <section className="panel admin-section" aria-labelledby="admin-users-title" data-testid="admin-users">
      <h2 id="admin-users-title">{t('adminUsersTitle')}</h2>
      <CreateUserForm onCreated={(name) => { setNotice(t('adminCreatedUser', { name })); void refresh(); }} />
      <p role="status" className="admin-notice">{notice}</p>
      {failed ? <p role="alert" className="form-error">{errorText(failed, locale)}</p> : null}
      {users.isError ? (
        <p role="alert" className="form-error">{errorText(users.error, locale)}</p>
      ) : !users.data ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data admin-table">
            <caption className="sr-only">{t('adminUsersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('adminDisplayName')}</th>
                <th scope="col">{t('adminRole')}</th>
                <th scope="col">{t('adminScope')}</th>
                <th scope="col" className="num">{t('adminSessions')}</th>
                <th scope="col">{t('adminLastSignIn')}</th>
                <th scope="col">{t('adminStatus')}</th>
                <th scope="col">{t('adminActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.username} className={u.disabledAt ? 'is-disabled' : undefined} data-testid={`user-${u.username}`}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{t(ROLE_LABEL[u.role])}</td>
                  <td>
                    {u.scope.level === 'nation' ? t('nation') : u.scope.name} <span className="muted">({u.scope.code})</span>
                  </td>
                  <td className="num">{formatNumber(u.activeSessions, 0, locale)}</td>
                  <td>{formatDateTime(u.lastSignInAt, locale)}</td>
                  <td>
                    {u.disabledAt ? (
                      <span className="status-pill off">{t('adminDisabled')}</span>
                    ) : (
                      <span className="status-pill on">{t('adminActive')}</span>
                    )}
                  </td>
                  <td>
                    <div className="admin-actions">
                      <button
                        type="button"
                        disabled={busy || u.activeSessions === 0}
                        onClick={() => window.confirm(t('adminConfirmSignOut', { name: u.username })) && signOut.mutate({ username: u.username })}
                      >
                        {t('adminSignOutEverywhere')}
                      </button>
                      {u.username === me ? null : u.disabledAt ? (
                        <button type="button" disabled={busy} onClick={() => enable.mutate({ username: u.username })}>
                          {t('adminEnable')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="danger"
                          disabled={busy}
                          onClick={() => window.confirm(t('adminConfirmDisable', { name: u.username })) && disable.mutate({ username: u.username })}
                        >
                          {t('adminDisable')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  const empty = { username: '', displayName: '', password: '', role: 'province_staff' as Role, scopeUnitCode: '' };
  const [form, setForm] = useState(empty);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (u) => {
        setForm(empty);
        onCreated(u.username);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  const field = (key: 'username' | 'displayName' | 'password' | 'scopeUnitCode') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  return (
    <details className="admin-create">
      <summary>{t('adminCreateUser')}</summary>
      <form onSubmit={submit} className="admin-form" data-testid="create-user-form">
        <label>
          {t('username')}
          <input name="username" autoComplete="off" required pattern="[A-Za-z0-9._\-]{3,64}" {...field('username')} />
        </label>
        <label>
          {t('adminDisplayName')}
          <input name="displayName" autoComplete="off" required maxLength={120} {...field('displayName')} />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="new-password" required minLength={10} aria-describedby="new-password-hint" {...field('password')} />
          <span id="new-password-hint" className="muted small">{t('adminPasswordHint')}</span>
        </label>
        <label>
          {t('adminRole')}
          <select name="role" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('adminScopeCode')}
          <input name="scopeUnitCode" autoComplete="off" required maxLength={20} aria-describedby="scope-code-hint" {...field('scopeUnitCode')} />
          <span id="scope-code-hint" className="muted small">{t('adminScopeHint')}</span>
        </label>
        {create.isError ? <p role="alert" className="form-error">{errorText(create.error, locale)}</p> : null}
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('working') : t('adminCreateUser')}
          </button>
        </div>
      </form>
    </details>
  );
}
