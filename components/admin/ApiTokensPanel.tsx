'use client';
/**
 * API tokens for the systems that send data: create one (its plaintext is shown here once, with a
 * copy button, and never again), see when each was last used, revoke one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText } from '../auth/SignInForm';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';

export function ApiTokensPanel({ scopeUnitId }: { scopeUnitId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, locale } = useLocale();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  // A provincial user's tokens default to their own province.
  const scope = useQuery(trpc.catalogue.orgUnit.queryOptions({ id: scopeUnitId }, { staleTime: Infinity }));
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({ onSuccess: (_r, v) => setNotice(t('adminRevokedDone', { name: v.name })), onSettled: refresh }),
  );

  return (
    <section className="panel admin-section" aria-labelledby="admin-tokens-title" data-testid="admin-tokens">
      <h2 id="admin-tokens-title">{t('adminTokensTitle')}</h2>
      <p className="muted">
        {t('adminTokensIntro')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      <CreateTokenForm
        defaultScope={scope.data?.unit.code ?? ''}
        onCreated={(created) => {
          setNotice(null);
          setFresh(created);
          void refresh();
        }}
      />
      {fresh ? <NewToken name={fresh.name} token={fresh.token} onDismiss={() => setFresh(null)} /> : null}
      <p role="status" className="admin-notice">{notice}</p>
      {revoke.isError ? <p role="alert" className="form-error">{errorText(revoke.error, locale)}</p> : null}
      {tokens.isError ? (
        <p role="alert" className="form-error">{errorText(tokens.error, locale)}</p>
      ) : !tokens.data ? (
        <p className="muted">{t('loading')}</p>
      ) : tokens.data.length === 0 ? (
        <p className="muted">{t('adminNoTokens')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data admin-table">
            <caption className="sr-only">{t('adminTokensCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminTokenName')}</th>
                <th scope="col">{t('adminScope')}</th>
                <th scope="col">{t('adminTokenCreated')}</th>
                <th scope="col">{t('adminTokenCreatedBy')}</th>
                <th scope="col">{t('adminTokenLastUsed')}</th>
                <th scope="col">{t('adminStatus')}</th>
                <th scope="col">{t('adminActions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((tk) => (
                <tr key={tk.name} className={tk.revokedAt ? 'is-disabled' : undefined} data-testid={`token-${tk.name}`}>
                  <th scope="row">
                    <code>{tk.name}</code>
                  </th>
                  <td>
                    {tk.scope.level === 'nation' ? t('nation') : tk.scope.name} <span className="muted">({tk.scope.code})</span>
                  </td>
                  <td>{formatDateTime(tk.createdAt, locale)}</td>
                  <td>{tk.createdBy ?? '—'}</td>
                  <td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, locale) : <span className="muted">{t('adminTokenNeverUsed')}</span>}</td>
                  <td>
                    {tk.revokedAt ? (
                      <span className="status-pill off">{t('adminTokenRevoked', { time: formatDateTime(tk.revokedAt, locale) })}</span>
                    ) : (
                      <span className="status-pill on">{t('adminActive')}</span>
                    )}
                  </td>
                  <td>
                    <div className="admin-actions">
                      {tk.revokedAt ? null : (
                        <button
                          type="button"
                          className="danger"
                          disabled={revoke.isPending}
                          onClick={() => window.confirm(t('adminConfirmRevoke', { name: tk.name })) && revoke.mutate({ name: tk.name })}
                        >
                          {t('adminTokenRevoke')}
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

function CreateTokenForm({ defaultScope, onCreated }: { defaultScope: string; onCreated: (created: { name: string; token: string }) => void }) {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  const [name, setName] = useState('');
  // null: not edited yet, so the user's own scope shows (it loads after the first render)
  const [scopeCode, setScopeCode] = useState<string | null>(null);
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: (r) => {
        setName('');
        setScopeCode(null);
        onCreated({ name: r.summary.name, token: r.token });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, scopeUnitCode: scopeCode ?? defaultScope });
  };
  return (
    <details className="admin-create">
      <summary>{t('adminCreateToken')}</summary>
      <form onSubmit={submit} className="admin-form" data-testid="create-token-form">
        <label>
          {t('adminTokenName')}
          <input name="tokenName" autoComplete="off" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{2,63}" aria-describedby="token-name-hint" value={name} onChange={(e) => setName(e.target.value)} />
          <span id="token-name-hint" className="muted small">{t('adminTokenNameHint')}</span>
        </label>
        <label>
          {t('adminScopeCode')}
          <input name="tokenScope" autoComplete="off" required maxLength={20} aria-describedby="token-scope-hint" value={scopeCode ?? defaultScope} onChange={(e) => setScopeCode(e.target.value)} />
          <span id="token-scope-hint" className="muted small">{t('adminScopeHint')}</span>
        </label>
        {create.isError ? <p role="alert" className="form-error">{errorText(create.error, locale)}</p> : null}
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('working') : t('adminCreateToken')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The new token, once: a read-only field to select, a copy button, and a button to hide it. */
function NewToken({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const { t } = useLocale();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="new-token" role="region" aria-labelledby="new-token-title" data-testid="new-token">
      <h3 id="new-token-title">{t('adminNewToken', { name })}</h3>
      <p>{t('adminNewTokenOnce')}</p>
      <div className="new-token-value">
        <input readOnly value={token} aria-label={t('adminNewToken', { name })} onFocus={(e) => e.target.select()} data-testid="new-token-value" />
        <button type="button" onClick={() => void copy()}>
          {copied === 'yes' ? t('adminCopied') : t('adminCopy')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('adminDismiss')}
        </button>
      </div>
      <p role="status" className="small">{copied === 'failed' ? t('adminCopyFailed') : copied === 'yes' ? t('adminCopied') : ''}</p>
    </div>
  );
}
