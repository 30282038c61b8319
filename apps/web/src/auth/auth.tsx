import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse, Permission } from '@propdesk/contracts';
import { api, ApiError, setUnauthorizedHandler } from '../api/client';
import { useI18n } from '../i18n/i18n';

interface Auth {
  me: MeResponse | null;
  loading: boolean;
  can(p: Permission): boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<unknown>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { locale, setLocale } = useI18n();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<MeResponse>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

  // The language each user chose follows them to every browser.
  const userLocale = me.data?.user.locale;
  useEffect(() => {
    if (userLocale && userLocale !== locale) setLocale(userLocale);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userLocale]);

  useEffect(() => {
    setUnauthorizedHandler(() => qc.setQueryData(['me'], null));
  }, [qc]);

  const login = useCallback(
    async (username: string, password: string) => {
      await api.post('/api/auth/login', { username, password });
      const fresh = await api.get<MeResponse>('/api/auth/me');
      // Nothing cached for the previous user may leak into this one's screens.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], fresh);
    },
    [qc],
  );
  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(['me'], null);
  }, [qc]);

  const value = useMemo<Auth>(() => {
    const perms = new Set(me.data?.permissions ?? []);
    return { me: me.data ?? null, loading: me.isLoading, can: (p) => perms.has(p), login, logout, refresh: () => me.refetch() };
  }, [me, login, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
